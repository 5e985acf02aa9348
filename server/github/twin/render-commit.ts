// A commit as GitHub's REST API and webhooks show it, and how GitHub resolves `{ref}` (a branch name
// or a sha) in the commit endpoints.
import { commitInfo, readBranches } from "./bare-repository";
import { nodeId } from "./render-common";
import { runGit } from "./run-git";
import { repoDirOf, type TwinContext } from "./twin-context";
import type { TwinRepository } from "./twin-types";

export async function renderCommit(ctx: TwinContext, repo: TwinRepository, sha: string) {
  const c = await commitInfo(repoDirOf(ctx, repo), sha);
  const api = `${ctx.urls.api}/repos/${repo.owner}/${repo.name}`;
  const person = { name: c.authorName, email: c.authorEmail, date: c.date };
  return {
    sha: c.sha,
    node_id: nodeId("Commit", parseInt(c.sha.slice(0, 8), 16)),
    commit: { author: person, committer: person, message: c.message, tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` }, url: `${api}/git/commits/${c.sha}`, comment_count: 0, verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null } },
    url: `${api}/commits/${c.sha}`,
    html_url: `${ctx.urls.html}/${repo.owner}/${repo.name}/commit/${c.sha}`,
    comments_url: `${api}/commits/${c.sha}/comments`,
    author: null,
    committer: null,
    parents: c.parents.map((p) => ({ sha: p, url: `${api}/commits/${p}`, html_url: `${ctx.urls.html}/${repo.owner}/${repo.name}/commit/${p}` })),
  };
}

/** A branch name or a sha, as GitHub resolves `{ref}` in commit endpoints; null when there is no such commit. */
export async function resolveCommitish(ctx: TwinContext, repo: TwinRepository, ref: string): Promise<string | null> {
  // Never an option to git, whatever the path or a human's action says.
  if (!ref || ref.startsWith("-")) return null;
  const r = await runGit(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], { cwd: repoDirOf(ctx, repo) });
  return r.code === 0 ? r.stdout.trim() : null;
}

/** The branches whose head is `sha`, the default branch first (what GitHub names in a status event). */
export async function branchesAt(ctx: TwinContext, repo: TwinRepository, sha: string): Promise<string[]> {
  const heads = await readBranches(repoDirOf(ctx, repo));
  return [...heads].filter(([, head]) => head === sha).map(([name]) => name).sort((a, b) => (a === repo.defaultBranch ? -1 : b === repo.defaultBranch ? 1 : a.localeCompare(b)));
}
