// Setting the twin up: its installations and repositories, each created once (calling again with
// the same owner/name or login answers the existing one). A repository may start from files,
// committed as its default branch's first commit.
import { access } from "node:fs/promises";
import { emitInstallation } from "./emit-events";
import { commitFiles, initBareRepository, repositoryDir } from "./bare-repository";
import type { TwinContext } from "./twin-context";
import type { Permissions, TwinInstallation, TwinRepository } from "./twin-types";

export const DEFAULT_PERMISSIONS: Permissions = { metadata: "read", contents: "write", pull_requests: "write", issues: "write", checks: "write", statuses: "write" };
export const DEFAULT_EVENTS = ["pull_request", "pull_request_review", "push", "check_run", "issue_comment"];

export type InstallationInput = { login: string; type?: "Organization" | "User"; permissions?: Permissions; repositorySelection?: "all" | "selected"; repositories?: string[] };

export async function ensureInstallation(ctx: TwinContext, input: InstallationInput): Promise<TwinInstallation> {
  const existing = ctx.store.data.installations.find((i) => i.account.login.toLowerCase() === input.login.toLowerCase());
  if (existing) return existing;
  const now = new Date().toISOString();
  ctx.store.user(input.login, input.type ?? "Organization");
  const installation: TwinInstallation = {
    id: ctx.store.nextId(),
    account: { login: input.login, type: input.type ?? "Organization" },
    repositorySelection: input.repositorySelection ?? "all",
    repositoryIds: ctx.store.data.repositories.filter((r) => r.owner === input.login && input.repositories?.includes(r.name)).map((r) => r.id),
    permissions: input.permissions ?? DEFAULT_PERMISSIONS,
    events: DEFAULT_EVENTS,
    createdAt: now,
    updatedAt: now,
  };
  ctx.store.data.installations.push(installation);
  await ctx.store.save("installations", "users");
  emitInstallation(ctx, "created", installation);
  return installation;
}

export type RepositoryInput = { owner: string; name: string; defaultBranch?: string; requiredApprovals?: number; files?: Record<string, string> };

export async function ensureRepository(ctx: TwinContext, input: RepositoryInput): Promise<TwinRepository> {
  const existing = ctx.store.data.repositories.find((r) => r.owner.toLowerCase() === input.owner.toLowerCase() && r.name.toLowerCase() === input.name.toLowerCase());
  if (existing) return existing;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(input.owner) || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(input.name) || input.name.includes("..")) throw new Error(`not a repository name: ${input.owner}/${input.name}`);
  const defaultBranch = input.defaultBranch ?? "main";
  const dir = repositoryDir(ctx.store.dataDir, input.owner, input.name);
  const exists = await access(dir).then(() => true, () => false);
  if (!exists) {
    await initBareRepository(dir, defaultBranch);
    if (input.files) await commitFiles(dir, { branch: defaultBranch, files: input.files, message: `Initial import of ${input.owner}/${input.name}`, author: { name: "GitHub Twin", email: "twin@github.test" }, parent: null });
  }
  const now = new Date().toISOString();
  const repo: TwinRepository = { id: ctx.store.nextId(), owner: input.owner, name: input.name, defaultBranch, private: true, requiredApprovals: input.requiredApprovals ?? 0, labels: [], nextNumber: 1, createdAt: now, updatedAt: now, pushedAt: now };
  ctx.store.data.repositories.push(repo);
  const installation = ctx.store.data.installations.find((i) => i.account.login.toLowerCase() === input.owner.toLowerCase());
  ctx.store.user(input.owner, installation?.account.type ?? "Organization");
  await ctx.store.save("repositories", "users");
  return repo;
}
