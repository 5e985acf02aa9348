// GitHub's shapes for reviews, issue comments, check runs and commit statuses.
import { nodeId, renderUser } from "./render-common";
import type { TwinContext } from "./twin-context";
import type { TwinCheckRun, TwinComment, TwinRepository, TwinReview, TwinStatus } from "./twin-types";

export function renderReview(ctx: TwinContext, r: TwinReview, repo: TwinRepository) {
  const html = `${ctx.urls.html}/${repo.owner}/${repo.name}/pull/${r.pullNumber}`;
  return {
    id: r.id,
    node_id: nodeId("PullRequestReview", r.id),
    user: renderUser(ctx.store.user(r.userLogin), ctx.urls),
    body: r.body,
    state: r.state,
    html_url: `${html}#pullrequestreview-${r.id}`,
    pull_request_url: `${ctx.urls.api}/repos/${repo.owner}/${repo.name}/pulls/${r.pullNumber}`,
    _links: { html: { href: `${html}#pullrequestreview-${r.id}` }, pull_request: { href: `${ctx.urls.api}/repos/${repo.owner}/${repo.name}/pulls/${r.pullNumber}` } },
    submitted_at: r.submittedAt,
    commit_id: r.commitId,
    author_association: "MEMBER",
  };
}

export function renderComment(ctx: TwinContext, c: TwinComment, repo: TwinRepository) {
  const api = `${ctx.urls.api}/repos/${repo.owner}/${repo.name}`;
  return {
    id: c.id,
    node_id: nodeId("IssueComment", c.id),
    url: `${api}/issues/comments/${c.id}`,
    html_url: `${ctx.urls.html}/${repo.owner}/${repo.name}/pull/${c.issueNumber}#issuecomment-${c.id}`,
    body: c.body,
    user: renderUser(ctx.store.user(c.userLogin), ctx.urls),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    issue_url: `${api}/issues/${c.issueNumber}`,
    author_association: "MEMBER",
    performed_via_github_app: null,
    reactions: noReactions(`${api}/issues/comments/${c.id}/reactions`),
  };
}

export const noReactions = (url: string) => ({ url, total_count: 0, "+1": 0, "-1": 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 });

export function renderCheckRun(ctx: TwinContext, c: TwinCheckRun, repo: TwinRepository) {
  const api = `${ctx.urls.api}/repos/${repo.owner}/${repo.name}`;
  return {
    id: c.id,
    head_sha: c.headSha,
    node_id: nodeId("CheckRun", c.id),
    external_id: c.externalId ?? "",
    url: `${api}/check-runs/${c.id}`,
    html_url: `${ctx.urls.html}/${repo.owner}/${repo.name}/runs/${c.id}`,
    details_url: c.detailsUrl ?? `${ctx.urls.html}/${repo.owner}/${repo.name}/runs/${c.id}`,
    status: c.status,
    conclusion: c.conclusion,
    started_at: c.startedAt,
    completed_at: c.completedAt,
    output: { ...c.output, annotations_count: 0, annotations_url: `${api}/check-runs/${c.id}/annotations` },
    name: c.name,
    check_suite: { id: c.id },
    app: null,
    pull_requests: ctx.store.data.pulls
      .filter((p) => p.repositoryId === repo.id && p.state === "open" && p.head.sha === c.headSha)
      .map((p) => ({ id: p.id, number: p.number, url: `${api}/pulls/${p.number}`, head: { ref: p.head.ref, sha: p.head.sha, repo: { id: repo.id, url: api, name: repo.name } }, base: { ref: p.base.ref, sha: p.base.sha, repo: { id: repo.id, url: api, name: repo.name } } })),
  };
}

export function renderStatus(ctx: TwinContext, s: TwinStatus, repo: TwinRepository) {
  return {
    url: `${ctx.urls.api}/repos/${repo.owner}/${repo.name}/statuses/${s.sha}`,
    avatar_url: null,
    id: s.id,
    node_id: nodeId("StatusContext", s.id),
    state: s.state,
    description: s.description,
    target_url: s.targetUrl,
    context: s.context,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    creator: renderUser(ctx.store.user(s.creatorLogin), ctx.urls),
  };
}
