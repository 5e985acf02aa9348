// The bare repositories behind the twin's repositories: created, read (branch heads, merge
// checks) and written with plumbing (commits of given files, merges) that need no work tree.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { git, runGit, ZERO_SHA } from "./run-git";

export const repositoryDir = (dataDir: string, owner: string, name: string) => path.join(dataDir, "repos", owner, `${name}.git`);

export async function initBareRepository(dir: string, defaultBranch: string): Promise<void> {
  await git(["init", "--quiet", "--bare", `--initial-branch=${defaultBranch}`, dir]);
  // A push that rewrites history is allowed (as on an unprotected GitHub branch); deletions too.
  await git(["config", "receive.denyDeletes", "false"], { cwd: dir });
  await git(["config", "receive.denyNonFastForwards", "false"], { cwd: dir });
}

/** refs/heads/<branch> -> sha. */
export async function readBranches(dir: string): Promise<Map<string, string>> {
  const out = await git(["for-each-ref", "--format=%(objectname) %(refname)", "refs/heads"], { cwd: dir });
  const map = new Map<string, string>();
  for (const line of out.split("\n").filter(Boolean)) {
    const [sha = "", ref = ""] = line.split(" ");
    map.set(ref.slice("refs/heads/".length), sha);
  }
  return map;
}

export async function branchSha(dir: string, branch: string): Promise<string | null> {
  const r = await runGit(["rev-parse", "--verify", "--quiet", `refs/heads/${branch}^{commit}`], { cwd: dir });
  return r.code === 0 ? r.stdout.trim() : null;
}

export type Person = { name: string; email: string; date?: Date };

const personEnv = (author: Person, committer: Person = author): Record<string, string> => ({
  GIT_AUTHOR_NAME: author.name,
  GIT_AUTHOR_EMAIL: author.email,
  GIT_COMMITTER_NAME: committer.name,
  GIT_COMMITTER_EMAIL: committer.email,
  ...(author.date ? { GIT_AUTHOR_DATE: author.date.toISOString() } : {}),
  ...(committer.date ? { GIT_COMMITTER_DATE: committer.date.toISOString() } : {}),
});

/**
 * Commits `files` (path -> content; null deletes) on top of `parent` (default: the branch's head;
 * null: a first commit) and moves the branch there, refusing if the branch moved meanwhile. Answers before and after.
 */
export async function commitFiles(dir: string, input: { branch: string; files: Record<string, string | Buffer | null>; message: string; author: Person; parent?: string | null }): Promise<{ before: string; after: string }> {
  const current = await branchSha(dir, input.branch);
  const parent = input.parent === undefined ? current : input.parent;
  const tmp = await mkdtemp(path.join(os.tmpdir(), "github-twin-index-"));
  const env = { GIT_INDEX_FILE: path.join(tmp, "index") };
  try {
    await git(parent ? ["read-tree", parent] : ["read-tree", "--empty"], { cwd: dir, env });
    for (const [file, content] of Object.entries(input.files)) {
      if (content === null) {
        await git(["update-index", "--force-remove", file], { cwd: dir, env });
        continue;
      }
      const blob = await git(["hash-object", "-w", "--stdin"], { cwd: dir, input: content });
      await git(["update-index", "--add", "--cacheinfo", `100644,${blob},${file}`], { cwd: dir, env });
    }
    const tree = await git(["write-tree"], { cwd: dir, env });
    const after = await git(["commit-tree", tree, ...(parent ? ["-p", parent] : []), "-m", input.message], { cwd: dir, env: personEnv(input.author) });
    await git(["update-ref", `refs/heads/${input.branch}`, after, current ?? ZERO_SHA], { cwd: dir });
    return { before: current ?? ZERO_SHA, after };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

// What only two commits decide (commits never change) is kept: every pull request rendered (each
// webhook payload and API answer carries one) would otherwise run git for its mergeability and counters.
const KEPT_MAX = 5_000;
const kept = new Map<string, Promise<unknown>>();
const OBJECT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

function keptFor<T>(what: string, dir: string, base: string, head: string, compute: () => Promise<T>): Promise<T> {
  if (!OBJECT_ID.test(base) || !OBJECT_ID.test(head)) return compute();
  const key = `${what} ${dir} ${base} ${head}`;
  const hit = kept.get(key);
  if (hit) return hit as Promise<T>;
  const answer = compute();
  kept.set(key, answer);
  answer.catch(() => kept.delete(key));
  if (kept.size > KEPT_MAX) kept.delete(kept.keys().next().value!);
  return answer;
}

/** The tree of merging `head` into `base`, or null when they conflict (git's own merge-ort). */
export function mergeTree(dir: string, base: string, head: string): Promise<string | null> {
  return keptFor("merge-tree", dir, base, head, () => mergeTreeNow(dir, base, head));
}

async function mergeTreeNow(dir: string, base: string, head: string): Promise<string | null> {
  const r = await runGit(["merge-tree", "--write-tree", base, head], { cwd: dir });
  if (r.code === 1) return null;
  if (r.code !== 0) throw new Error(`git merge-tree failed: ${r.stderr.trim()}`);
  return (r.stdout.split("\n")[0] ?? "").trim();
}

export async function commitTree(dir: string, tree: string, parents: string[], message: string, author: Person, committer?: Person): Promise<string> {
  return git(["commit-tree", tree, ...parents.flatMap((p) => ["-p", p]), "-m", message], { cwd: dir, env: personEnv(author, committer) });
}

export async function updateBranch(dir: string, branch: string, sha: string, expected: string): Promise<boolean> {
  return (await runGit(["update-ref", `refs/heads/${branch}`, sha, expected], { cwd: dir })).code === 0;
}

export async function deleteRef(dir: string, ref: string): Promise<boolean> {
  return (await runGit(["update-ref", "-d", ref], { cwd: dir })).code === 0;
}

export async function treeOf(dir: string, commit: string): Promise<string> {
  return git(["rev-parse", `${commit}^{tree}`], { cwd: dir });
}

/** Commits on `head` not on `base`, with the diff's size, for a pull request's counters. */
export function compareCommits(dir: string, base: string, head: string): Promise<{ commits: number; additions: number; deletions: number; changedFiles: number }> {
  return keptFor("compare", dir, base, head, () => compareCommitsNow(dir, base, head));
}

async function compareCommitsNow(dir: string, base: string, head: string): Promise<{ commits: number; additions: number; deletions: number; changedFiles: number }> {
  const commits = Number(await git(["rev-list", "--count", `${base}..${head}`], { cwd: dir }));
  const numstat = await git(["diff", "--numstat", `${base}...${head}`], { cwd: dir });
  let additions = 0;
  let deletions = 0;
  let changedFiles = 0;
  for (const line of numstat.split("\n").filter(Boolean)) {
    const [a, d] = line.split("\t");
    additions += Number(a) || 0;
    deletions += Number(d) || 0;
    changedFiles++;
  }
  return { commits, additions, deletions, changedFiles };
}

export async function commitInfo(dir: string, sha: string): Promise<{ sha: string; message: string; authorName: string; authorEmail: string; date: string; tree: string; parents: string[] }> {
  const out = await git(["show", "-s", "--format=%H%x00%T%x00%P%x00%an%x00%ae%x00%aI%x00%B", sha], { cwd: dir });
  const [h = "", tree = "", parents = "", authorName = "", authorEmail = "", date = "", ...rest] = out.split("\0");
  return { sha: h, tree, parents: parents ? parents.split(" ") : [], authorName, authorEmail, date, message: rest.join("\0").trim() };
}

/** Commits in (before, after], oldest first, at most `limit` (a push payload carries 20). */
export async function commitsBetween(dir: string, before: string, after: string, limit = 20): Promise<string[]> {
  if (before === ZERO_SHA) return [after];
  const out = await git(["rev-list", "--reverse", `--max-count=${limit}`, `${before}..${after}`], { cwd: dir }).catch(() => "");
  return out.split("\n").filter(Boolean);
}
