// A run's workspace: a fresh shallow clone at RUNS_DIR/<runId>/workspace, owned by the sandbox's
// host identity. Remotes are local bare repositories (a path or a file:// URL), or a code host's
// https URL cloned with a step's token through a credential helper (server/github/publish/remote-git.ts):
// the token is never written into the workspace, which the sandbox then gets.
import { chmod, mkdir, rm, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { z } from "zod";
import { env } from "../env";
import { AppError } from "../core/app-error";
import { remoteGit } from "../github/publish/remote-git";
import { GitFailed, hostGit } from "./host-git";
import { assertReachable, giveToSandbox } from "./workspace-owner";

const ZRunId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, "must be letters, digits, '_' or '-' (a single path segment)");

// Beyond git's own rules (checked by check-ref-format): nothing git could read as an option.
const ZBranch = z.string().min(1).max(255).regex(/^[^-]/, "must not start with '-'").regex(/^[\x21-\x7e]+$/, "must be printable ASCII without spaces");

export type PreparedWorkspace = { dir: string; baseSha: string; branch: string };

function invalid(field: string, message: string): AppError {
  return new AppError("validation_failed", `${field} ${message}`, { issues: [{ path: field, message }] });
}

function parseRunId(runId: string): string {
  const r = ZRunId.safeParse(runId);
  if (!r.success) throw invalid("runId", r.error.issues[0]!.message);
  return r.data;
}

export function runDir(runId: string): string {
  return path.join(path.resolve(env().RUNS_DIR), parseRunId(runId));
}

export function workspacePath(runId: string): string {
  return path.join(runDir(runId), "workspace");
}

/** The file:// URL to clone from: file:// keeps --depth meaningful and never hardlinks the source's objects. */
async function remoteUrl(remote: string): Promise<string> {
  let local: string;
  if (remote.startsWith("file://")) {
    try {
      local = fileURLToPath(remote);
    } catch {
      throw invalid("remote", "is not a valid file:// URL");
    }
  } else if (path.isAbsolute(remote)) {
    local = remote;
  } else {
    throw invalid("remote", "must be an absolute path to a local bare repository or a file:// URL (other remotes are not supported yet)");
  }
  const st = await stat(local).catch(() => null);
  if (!st?.isDirectory()) throw invalid("remote", `${local} is not a directory`);
  return pathToFileURL(local).href;
}

async function checkBranch(branch: string, cwd: string): Promise<void> {
  const r = ZBranch.safeParse(branch);
  if (!r.success) throw invalid("branch", r.error.issues[0]!.message);
  await hostGit(["check-ref-format", "--branch", branch], { cwd }).catch(() => {
    throw invalid("branch", `"${branch}" is not a valid branch name`);
  });
}

/**
 * patch: a change to start from (a follow-up run starts from its previous attempt's patch), applied
 * before the sandbox is given the workspace, so nothing the agent wrote is trusted yet.
 */
export async function prepareWorkspace(input: { runId: string; remote: string; branch?: string; token?: string; patch?: string }): Promise<PreparedWorkspace> {
  const root = runDir(input.runId);
  const url = input.token ? input.remote : await remoteUrl(input.remote);
  await mkdir(root, { recursive: true, mode: 0o755 });
  await chmod(root, 0o755); // whatever the umask: the sandbox's host uid must pass through it
  if (input.branch !== undefined) await checkBranch(input.branch, root);
  const dir = path.join(root, "workspace");
  await assertReachable(dir);
  // A leftover from an earlier attempt of the same run is never reused.
  await rm(dir, { recursive: true, force: true });
  const branchArgs = input.branch ? ["--branch", input.branch] : [];
  try {
    const clone = ["clone", "--quiet", "--depth", "1", "--single-branch", "--no-tags", "--template=", ...branchArgs, "--", url, dir];
    if (input.token) await remoteGit(clone, { cwd: root, remote: url, token: input.token });
    else await hostGit(clone, { cwd: root });
    const { stdout: sha } = await hostGit(["rev-parse", "--verify", "HEAD^{commit}"], { cwd: dir });
    let branch = input.branch;
    if (!branch) {
      const head = await hostGit(["symbolic-ref", "--quiet", "--short", "HEAD"], { cwd: dir }).catch(() => null);
      branch = head?.stdout.trim() || "HEAD";
    }
    if (input.patch) await applyPatch(root, dir, input.patch, `${branch} at ${sha.trim().slice(0, 12)}`);
    await giveToSandbox(dir, true);
    return { dir, baseSha: sha.trim(), branch };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    if (e instanceof GitFailed) {
      throw new AppError("unavailable", `could not check out ${input.remote}${input.branch ? ` at ${input.branch}` : ""}: ${e.message}`, {
        remote: input.remote,
        branch: input.branch,
      });
    }
    throw e;
  }
}

async function applyPatch(root: string, dir: string, patch: string, where: string): Promise<void> {
  const file = path.join(root, "start.patch");
  await writeFile(file, patch, { mode: 0o600 });
  try {
    await hostGit(["apply", "--whitespace=nowarn", "--", file], { cwd: dir });
  } catch (e) {
    if (!(e instanceof GitFailed)) throw e;
    throw new AppError("conflict", `the change to start from does not apply to ${where}: ${e.message}`);
  } finally {
    await rm(file, { force: true });
  }
}

/** Removes the run's workspace, and the run's directory when nothing else is left in it. */
export async function removeWorkspace(runId: string): Promise<void> {
  const root = runDir(runId);
  await rm(path.join(root, "workspace"), { recursive: true, force: true });
  await rmdir(root).catch(() => {}); // kept when other files of the run are there, or already gone
}
