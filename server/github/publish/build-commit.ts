// The commit a publication pushes, built in a scratch repository from the run's verified base and
// its exact patch. Author, committer, dates and message are fixed by the run, so building it again
// (a retry, a duplicate job, another worker after a crash) gives the same SHA: pushing it twice is a
// no-op, and a branch head Fleetgate did not build is recognisable as someone else's commit.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { GitFailed, hostGit } from "../../sandbox/host-git";
import { remoteGit } from "./remote-git";

export type CommitIdentity = { name: string; email: string };

export type CommitPlan = {
  remote: string;
  token: string;
  defaultBranch: string;
  branch: string;
  baseSha: string;
  patch: string;
  message: string;
  author: CommitIdentity;
  /** The run's end: the commit's date, so the SHA never depends on when it was built. */
  at: Date;
};

export type RemoteHeads = { base: string | null; branch: string | null };

export type Scratch = {
  dir: string;
  heads: RemoteHeads;
  /** Does `sha` exist here (fetched from the remote)? */
  has(sha: string): Promise<boolean>;
  /** Applies the patch on `on`; null when it does not apply, otherwise the commit's SHA. */
  commit(on: string): Promise<string | null>;
  /** Commits in base..head whose author is not `author` (someone else's work on the branch). */
  foreignCommits(head: string, author: CommitIdentity): Promise<string[]>;
  /** Pushes `sha` to the branch only if the branch is still at `expected` (null: must not exist). */
  push(sha: string, expected: string | null): Promise<void>;
  remove(): Promise<void>;
};

export async function openScratch(plan: CommitPlan): Promise<Scratch> {
  const dir = await mkdtemp(path.join(tmpdir(), "fleetgate-publish-"));
  const git = (args: string[], env: Record<string, string> = {}) => hostGit(args, { cwd: dir, env });
  const remote = (args: string[]) => remoteGit(args, { cwd: dir, remote: plan.remote, token: plan.token });
  try {
    await git(["init", "--quiet", "--template=", "."]);
    // The base is fetched while the heads are listed (one round trip less): a publication nearly
    // always has its base and seldom a branch already (a retry, a new attempt), fetched after. The
    // base's head is the one fetched; a base missing fails its fetch, which the listing confirms.
    const base = remote(["fetch", "--quiet", "--no-tags", "--", plan.remote, `+refs/heads/${plan.defaultBranch}:refs/fleetgate/base`]).then(() => null, (e: Error) => e);
    const listed = await remote(["ls-remote", "--", plan.remote, `refs/heads/${plan.defaultBranch}`, `refs/heads/${plan.branch}`]).finally(() => base);
    const heads: RemoteHeads = { base: null, branch: null };
    let listedBase = false;
    for (const line of listed.stdout.split("\n")) {
      const [sha, ref] = line.split("\t");
      if (ref === `refs/heads/${plan.defaultBranch}`) listedBase = true;
      if (ref === `refs/heads/${plan.branch}`) heads.branch = sha!;
    }
    const baseFailed = await base;
    if (baseFailed && listedBase) throw baseFailed;
    if (!baseFailed) heads.base = (await git(["rev-parse", "--verify", "refs/fleetgate/base^{commit}"])).stdout.trim();
    if (heads.base && heads.branch) await remote(["fetch", "--quiet", "--no-tags", "--", plan.remote, `+refs/heads/${plan.branch}:refs/fleetgate/branch`]);
    const patchFile = path.join(dir, ".git", "fleetgate.patch");
    await writeFile(patchFile, plan.patch);
    const date = `${Math.floor(plan.at.getTime() / 1000)} +0000`;
    const identity = {
      GIT_AUTHOR_NAME: plan.author.name, GIT_AUTHOR_EMAIL: plan.author.email, GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: plan.author.name, GIT_COMMITTER_EMAIL: plan.author.email, GIT_COMMITTER_DATE: date,
    };
    return {
      dir,
      heads,
      has: (sha) => git(["cat-file", "-e", `${sha}^{commit}`]).then(() => true, () => false),
      async commit(on) {
        await git(["read-tree", "--reset", on]);
        try {
          await git(["apply", "--cached", "--binary", "--whitespace=nowarn", patchFile]);
        } catch (e) {
          if (e instanceof GitFailed) return null;
          throw e;
        }
        const { stdout: tree } = await git(["write-tree"]);
        const { stdout: sha } = await git(["commit-tree", tree.trim(), "-p", on, "-m", plan.message], identity);
        return sha.trim();
      },
      async foreignCommits(head, author) {
        const { stdout } = await git(["log", "--format=%H %ae", `${plan.baseSha}..${head}`]).catch(() => ({ stdout: `${head} unknown\n` }));
        return stdout.split("\n").filter(Boolean).filter((l) => l.slice(41) !== author.email).map((l) => l.slice(0, 40));
      },
      async push(sha, expected) {
        await remote(["push", "--quiet", "--porcelain", `--force-with-lease=refs/heads/${plan.branch}:${expected ?? ""}`, "--", plan.remote, `${sha}:refs/heads/${plan.branch}`]);
      },
      remove: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}
