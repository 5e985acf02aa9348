// GitHub's pull-request shape (and its list variant, pull-request-simple), with counters and
// mergeability computed from the bare repository as GitHub computes them.
import { branchSha, compareCommits, mergeTree } from "./bare-repository";
import { renderLabel, renderRepository, renderUser, nodeId } from "./render-common";
import { appBot, ownerOf, repoDirOf, type TwinContext } from "./twin-context";
import type { TwinPull, TwinRepository } from "./twin-types";

/** Users whose latest deciding review approves, and whether any latest one requests changes. */
export function reviewDecision(ctx: TwinContext, pull: TwinPull): { approvals: number; changesRequested: boolean } {
  const latest = new Map<string, string>();
  for (const r of ctx.store.data.reviews.filter((x) => x.repositoryId === pull.repositoryId && x.pullNumber === pull.number)) {
    if (r.state !== "COMMENTED") latest.set(r.userLogin.toLowerCase(), r.state);
  }
  const states = [...latest.values()];
  return { approvals: states.filter((s) => s === "APPROVED").length, changesRequested: states.includes("CHANGES_REQUESTED") };
}

/** baseSha: the base branch's tip, when the caller has just read it. */
export async function mergeState(ctx: TwinContext, pull: TwinPull, repo: TwinRepository, baseSha?: string | null): Promise<{ mergeable: boolean | null; state: string }> {
  if (pull.state === "closed") return { mergeable: null, state: "unknown" };
  const dir = repoDirOf(ctx, repo);
  const [base, head] = await Promise.all([baseSha === undefined ? branchSha(dir, pull.base.ref) : baseSha, branchSha(dir, pull.head.ref)]);
  if (!base || !head) return { mergeable: false, state: "dirty" };
  const clean = (await mergeTree(dir, base, head)) !== null;
  if (!clean) return { mergeable: false, state: "dirty" };
  if (pull.draft) return { mergeable: true, state: "draft" };
  const { approvals, changesRequested } = reviewDecision(ctx, pull);
  if (repo.requiredApprovals > 0 && (approvals < repo.requiredApprovals || changesRequested)) return { mergeable: true, state: "blocked" };
  return { mergeable: true, state: "clean" };
}

export async function renderPull(ctx: TwinContext, pull: TwinPull, repo: TwinRepository, variant: "full" | "simple" = "full") {
  const { urls } = ctx;
  const api = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  const html = `${urls.html}/${repo.owner}/${repo.name}/pull/${pull.number}`;
  const owner = ownerOf(ctx, repo);
  const repoJson = renderRepository(repo, owner, urls);
  const author = ctx.store.user(pull.userLogin);
  const dir = repoDirOf(ctx, repo);
  // base.sha is the base branch's tip now (GitHub moves it as the base advances while open).
  const baseTip = pull.state === "open" ? await branchSha(dir, pull.base.ref) : null;
  const baseSha = baseTip ?? pull.base.sha;
  const side = (ref: string, sha: string) => ({ label: `${repo.owner}:${ref}`, ref, sha, user: renderUser(owner, urls), repo: repoJson });
  const labels = pull.labels.map((name) => repo.labels.find((l) => l.name === name)).filter((l) => l !== undefined).map((l) => renderLabel(l, repo, urls));
  const simple = {
    url: `${api}/pulls/${pull.number}`,
    id: pull.id,
    node_id: nodeId("PullRequest", pull.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${api}/issues/${pull.number}`,
    commits_url: `${api}/pulls/${pull.number}/commits`,
    review_comments_url: `${api}/pulls/${pull.number}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${pull.number}/comments`,
    statuses_url: `${api}/statuses/${pull.head.sha}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: renderUser(author, urls),
    body: pull.body,
    labels,
    milestone: null,
    active_lock_reason: null,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: pull.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: pull.requestedReviewers.map((l) => renderUser(ctx.store.user(l), urls)),
    requested_teams: [],
    head: side(pull.head.ref, pull.head.sha),
    base: side(pull.base.ref, baseSha),
    _links: {
      self: { href: `${api}/pulls/${pull.number}` },
      html: { href: html },
      issue: { href: `${api}/issues/${pull.number}` },
      comments: { href: `${api}/issues/${pull.number}/comments` },
      review_comments: { href: `${api}/pulls/${pull.number}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` },
      commits: { href: `${api}/pulls/${pull.number}/commits` },
      statuses: { href: `${api}/statuses/${pull.head.sha}` },
    },
    author_association: pull.userLogin === appBot(ctx).login ? "NONE" : "MEMBER",
    auto_merge: null,
    draft: pull.draft,
  };
  if (variant === "simple") return simple;
  const merge = await mergeState(ctx, pull, repo, baseTip);
  const counts = await compareCommits(dir, baseSha, pull.head.sha).catch(() => ({ commits: 0, additions: 0, deletions: 0, changedFiles: 0 }));
  return {
    ...simple,
    merged: pull.merged,
    mergeable: merge.mergeable,
    rebaseable: merge.mergeable,
    mergeable_state: merge.state,
    merged_by: pull.mergedBy ? renderUser(ctx.store.user(pull.mergedBy), urls) : null,
    comments: ctx.store.data.comments.filter((c) => c.repositoryId === repo.id && c.issueNumber === pull.number).length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: counts.commits,
    additions: counts.additions,
    deletions: counts.deletions,
    changed_files: counts.changedFiles,
  };
}
