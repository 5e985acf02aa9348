// The revert's commit: a scratch repository fetches the default branch, the merge commit's changes
// (its diff from its first parent) are undone on the branch's head with a three-way apply, as `git
// revert -m 1` would, and the commit is pushed to the revert branch only if that branch does not exist
// yet (a lease on "absent"). A branch already there is the revert an earlier attempt pushed: it is
// adopted, never pushed over, so the job may run twice and push once. Author and date are fixed by the
// caller, so building it again on the same head gives the same SHA.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { GitFailed, hostGit } from "../../sandbox/host-git";
import { remoteGit } from "../publish/remote-git";

export type RevertPlan = {
  remote: string; token: string; defaultBranch: string; branch: string; mergeSha: string; message: string;
  author: { name: string; email: string }; at: Date;
};

export type RevertPush =
  | { kind: "pushed" | "exists"; sha: string }
  | { kind: "cannot"; reason: string };

export async function pushRevert(plan: RevertPlan): Promise<RevertPush> {
  const dir = await mkdtemp(path.join(tmpdir(), "fleetgate-revert-"));
  const git = (args: string[], env: Record<string, string> = {}) => hostGit(args, { cwd: dir, env });
  const remote = (args: string[]) => remoteGit(args, { cwd: dir, remote: plan.remote, token: plan.token });
  try {
    await git(["init", "--quiet", "--template=", "."]);
    const listed = await remote(["ls-remote", "--", plan.remote, `refs/heads/${plan.branch}`]);
    const existing = listed.stdout.split("\n").find((l) => l.endsWith(`\trefs/heads/${plan.branch}`))?.split("\t")[0];
    if (existing) return { kind: "exists", sha: existing };
    await remote(["fetch", "--quiet", "--no-tags", "--", plan.remote, `+refs/heads/${plan.defaultBranch}:refs/fleetgate/base`]);
    const head = (await git(["rev-parse", "--verify", "refs/fleetgate/base^{commit}"])).stdout.trim();
    const onBranch = await git(["merge-base", "--is-ancestor", plan.mergeSha, head]).then(() => true, () => false);
    if (!onBranch) return { kind: "cannot", reason: `merge commit ${plan.mergeSha.slice(0, 12)} is no longer on ${plan.defaultBranch}` };
    const parent = (await git(["rev-parse", "--verify", `${plan.mergeSha}^1`])).stdout.trim();
    const undo = path.join(dir, ".git", "fleetgate-revert.patch");
    await writeFile(undo, (await git(["diff", "--no-ext-diff", "--no-textconv", "--binary", "--no-renames", plan.mergeSha, parent])).stdout);
    await git(["read-tree", "--reset", head]);
    try {
      await git(["apply", "--cached", "--3way", "--binary", "--whitespace=nowarn", undo]);
    } catch (e) {
      if (e instanceof GitFailed) return { kind: "cannot", reason: `undoing merge commit ${plan.mergeSha.slice(0, 12)} conflicts with what ${plan.defaultBranch} changed since (at ${head.slice(0, 12)})` };
      throw e;
    }
    const tree = (await git(["write-tree"])).stdout.trim();
    if (tree === (await git(["rev-parse", `${head}^{tree}`])).stdout.trim()) {
      return { kind: "cannot", reason: `${plan.defaultBranch} at ${head.slice(0, 12)} no longer carries the changes of merge commit ${plan.mergeSha.slice(0, 12)} (reverted already?)` };
    }
    const date = `${Math.floor(plan.at.getTime() / 1000)} +0000`;
    const identity = {
      GIT_AUTHOR_NAME: plan.author.name, GIT_AUTHOR_EMAIL: plan.author.email, GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: plan.author.name, GIT_COMMITTER_EMAIL: plan.author.email, GIT_COMMITTER_DATE: date,
    };
    const sha = (await git(["commit-tree", tree, "-p", head, "-m", plan.message], identity)).stdout.trim();
    await remote(["push", "--quiet", "--porcelain", `--force-with-lease=refs/heads/${plan.branch}:`, "--", plan.remote, `${sha}:refs/heads/${plan.branch}`]);
    return { kind: "pushed", sha };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
