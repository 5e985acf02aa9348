// What a run changed: the workspace's files (untracked ones included, .gitignore honoured)
// against the base commit, as a binary-safe patch and per-file counts.
//
// The workspace's own .git is written by the sandbox, so its config, hooks, info/ and index are
// never used: git runs with a throwaway git directory whose only link to the workspace is
// objects/info/alternates (to read the base commit) and with the worktree's files as input. No
// filter, textconv, diff driver or hook can be configured there. Symlinks are recorded as links
// (their target text), never followed.
import { mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AppError } from "../core/app-error";
import { GitFailed, hostGit } from "./host-git";
import type { ChangedFile, WorkspaceDiff } from "./types";

const MAX_PATCH_BYTES = 64 * 1024 ** 2;

const CONFIG = "[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tfilemode = true\n\tsymlinks = true\n\tlogallrefupdates = false\n";

async function workspaceObjects(dir: string): Promise<{ root: string; objects: string }> {
  const root = await realpath(dir).catch(() => {
    throw new AppError("validation_failed", `workspace ${dir} does not exist`);
  });
  const objects = await realpath(path.join(root, ".git", "objects")).catch(() => {
    throw new AppError("validation_failed", `workspace ${dir} has no .git/objects`);
  });
  // A .git replaced by a link elsewhere would make another repository's objects the base.
  if (!objects.startsWith(root + path.sep)) throw new AppError("validation_failed", `workspace ${dir}: .git/objects leaves the workspace`);
  return { root, objects };
}

async function scratchGitDir(objects: string): Promise<{ tmp: string; env: Record<string, string> }> {
  const tmp = await mkdtemp(path.join(tmpdir(), "fleetgate-diff-"));
  const gitDir = path.join(tmp, "git");
  await mkdir(path.join(gitDir, "objects", "info"), { recursive: true });
  await mkdir(path.join(gitDir, "refs", "heads"), { recursive: true });
  await writeFile(path.join(gitDir, "HEAD"), "ref: refs/heads/fleetgate-diff\n");
  await writeFile(path.join(gitDir, "config"), CONFIG);
  await writeFile(path.join(gitDir, "objects", "info", "alternates"), objects + "\n");
  return { tmp, env: { GIT_DIR: gitDir, GIT_INDEX_FILE: path.join(tmp, "index") } };
}

const STATUS: Record<string, ChangedFile["status"]> = { A: "added", M: "modified", D: "deleted", R: "renamed", T: "modified" };

/** Pairs `--name-status -z` with `--numstat -z`, both with -M, keyed by the (new) path. */
export function parseChanges(nameStatus: string, numstat: string): ChangedFile[] {
  const counts = new Map<string, { added: number; removed: number; binary: boolean }>();
  const n = numstat.split("\0");
  for (let i = 0; i < n.length - 1; ) {
    const [added = "", removed = "", inline = ""] = n[i]!.split("\t");
    let file = inline;
    i += 1;
    if (inline === "") {
      file = n[i + 1]!; // a rename: "added\tremoved\t" then old path, new path
      i += 2;
    }
    const binary = added === "-";
    counts.set(file, { added: binary ? 0 : Number(added), removed: binary ? 0 : Number(removed), binary });
  }
  const files: ChangedFile[] = [];
  const s = nameStatus.split("\0");
  for (let i = 0; i < s.length - 1; ) {
    const code = s[i]!;
    const letter = code[0]!;
    const moved = letter === "R" || letter === "C";
    const file = moved ? s[i + 2]! : s[i + 1]!;
    const from = letter === "R" ? { from: s[i + 1]! } : {};
    i += moved ? 3 : 2;
    const c = counts.get(file) ?? { added: 0, removed: 0, binary: false };
    files.push({ path: file, ...from, status: STATUS[letter] ?? "modified", ...c });
  }
  return files;
}

export async function workspaceDiff(dir: string, baseSha: string): Promise<WorkspaceDiff> {
  if (!/^[0-9a-f]{40}$/.test(baseSha)) {
    throw new AppError("validation_failed", "baseSha must be a full 40-character commit id", { issues: [{ path: "baseSha", message: "not a commit id" }] });
  }
  const { root: worktree, objects } = await workspaceObjects(dir);
  const { tmp, env } = await scratchGitDir(objects);
  const git = (args: string[]) => hostGit(args, { cwd: worktree, env: { ...env, GIT_WORK_TREE: worktree }, maxBytes: MAX_PATCH_BYTES });
  try {
    await git(["rev-parse", "--quiet", "--verify", `${baseSha}^{commit}`]).catch(() => {
      throw new AppError("validation_failed", `base commit ${baseSha} is not in the workspace`);
    });
    await git(["add", "--all", "--", "."]);
    const common = ["diff", "--cached", "--no-ext-diff", "--no-textconv", "--no-color", "-M", "--no-relative"];
    const [patch, numstat, nameStatus] = await Promise.all([
      git([...common, "--binary", "--full-index", baseSha, "--"]),
      git([...common, "--numstat", "-z", baseSha, "--"]),
      git([...common, "--name-status", "-z", baseSha, "--"]),
    ]);
    return { patch: patch.stdout, files: parseChanges(nameStatus.stdout, numstat.stdout) };
  } catch (e) {
    if (e instanceof GitFailed && e.reason === "too_large") {
      throw new AppError("payload_too_large", `the workspace diff is larger than ${MAX_PATCH_BYTES / 1024 ** 2} MiB`);
    }
    if (e instanceof GitFailed) throw new AppError("internal", `workspace diff: ${e.message}`);
    throw e;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
