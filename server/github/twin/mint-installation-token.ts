// POST /app/installations/{id}/access_tokens: a one-hour token, narrowed to repositories (by name
// or id) and permissions when asked; asking for more than the installation has is a 422, as on
// GitHub. Tokens have GitHub's new variable-length format, so nothing may assume 40 characters.
import { randomBytes, randomInt } from "node:crypto";
import { z } from "zod";
import { GithubError } from "./github-error";
import { installationRepositories, tokenIsLive, withinPermissions } from "./installation-access";
import type { TwinStore } from "./twin-store";
import type { Permissions, TwinInstallation, TwinRepository, TwinToken } from "./twin-types";

export const TOKEN_LIFETIME_MS = 60 * 60 * 1000;

export const ZTokenRequest = z
  .object({
    repositories: z.array(z.string()).optional(),
    repository_ids: z.array(z.number().int()).optional(),
    permissions: z.record(z.string(), z.enum(["read", "write", "admin"])).optional(),
  })
  .passthrough();

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
function newTokenString(): string {
  const length = 36 + randomInt(0, 48);
  const bytes = randomBytes(length);
  let s = "ghs_";
  for (const b of bytes) s += BASE62[b % 62];
  return s;
}

export async function mintInstallationToken(store: TwinStore, installation: TwinInstallation, request: z.infer<typeof ZTokenRequest>, now = new Date()) {
  const available = installationRepositories(store.data, installation);
  let repositories: TwinRepository[] | null = null;
  if (request.repositories?.length || request.repository_ids?.length) {
    const picked = new Map<number, TwinRepository>();
    for (const name of request.repositories ?? []) {
      const r = available.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!r) throw inaccessibleRepository();
      picked.set(r.id, r);
    }
    for (const id of request.repository_ids ?? []) {
      const r = available.find((x) => x.id === id);
      if (!r) throw inaccessibleRepository();
      picked.set(r.id, r);
    }
    repositories = [...picked.values()];
  }
  const permissions: Permissions = request.permissions ? { ...request.permissions } : { ...installation.permissions };
  if (!withinPermissions(permissions, installation.permissions)) throw new GithubError(422, "The permissions requested are not granted to this installation.");
  if (installation.permissions.metadata && !permissions.metadata) permissions.metadata = "read";

  const token: TwinToken = {
    token: newTokenString(),
    installationId: installation.id,
    repositoryIds: repositories ? repositories.map((r) => r.id) : null,
    permissions,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS).toISOString().replace(/\.\d{3}Z$/, "Z"),
    revoked: false,
  };
  // A revoked or expired token answers 401 like one never issued, so it is forgotten (the twin's state
  // is written whole at every change, and a publication mints a token per step).
  const tokens = store.data.tokens;
  for (let i = tokens.length - 1; i >= 0; i--) if (!tokenIsLive(tokens[i]!, now.getTime())) tokens.splice(i, 1);
  tokens.push(token);
  await store.save("tokens");
  return { token, repositories };
}

const inaccessibleRepository = () => new GithubError(422, "There is at least one repository that does not exist or is not accessible to the parent installation.");
