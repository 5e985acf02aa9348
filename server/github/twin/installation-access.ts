// What an installation, and a token minted from it, may reach: repositories and permissions.
import type { PermissionLevel, Permissions, TwinInstallation, TwinRepository, TwinToken } from "./twin-types";
import type { TwinData } from "./twin-types";

const RANK: Record<PermissionLevel, number> = { read: 1, write: 2, admin: 3 };

export const permits = (granted: Permissions, name: string, level: PermissionLevel) => {
  const have = granted[name];
  return have !== undefined && RANK[have] >= RANK[level];
};

/** True when `wanted` asks for nothing beyond `granted`. */
export const withinPermissions = (wanted: Permissions, granted: Permissions) => Object.entries(wanted).every(([name, level]) => permits(granted, name, level));

export function installationRepositories(data: TwinData, installation: TwinInstallation): TwinRepository[] {
  return data.repositories.filter((r) => r.owner.toLowerCase() === installation.account.login.toLowerCase() && (installation.repositorySelection === "all" || installation.repositoryIds.includes(r.id)));
}

export function tokenRepositories(data: TwinData, token: TwinToken): TwinRepository[] {
  const installation = data.installations.find((i) => i.id === token.installationId);
  if (!installation) return [];
  const all = installationRepositories(data, installation);
  return token.repositoryIds === null ? all : all.filter((r) => token.repositoryIds!.includes(r.id));
}

export const tokenIsLive = (token: TwinToken, now = Date.now()) => !token.revoked && Date.parse(token.expiresAt) > now;
