// GitHub's shapes for reviews, issue comments, check runs and commit statuses.
import { commitInfo } from "./bare-repository";
import { CI_APP, suiteOutcome, suiteRuns } from "./check-suite-outcome";
import { nodeId, renderApp, renderUser } from "./render-common";
import { repoDirOf, type TwinContext } from "./twin-context";
import type { TwinCheckRun, TwinCheckSuite, TwinComment, TwinRepository, TwinReview, TwinStatus } from "./twin-types";

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

/** The open pull requests whose head is `sha`, as check runs and suites name them. */
function pullsAt(ctx: TwinContext, repo: TwinRepository, sha: string) {
  const api = `${ctx.urls.api}/repos/${repo.owner}/${repo.name}`;
  return ctx.store.data.pulls
    .filter((p) => p.repositoryId === repo.id && p.state === "open" && p.head.sha === sha)
    .map((p) => ({ id: p.id, number: p.number, url: `${api}/pulls/${p.number}`, head: { ref: p.head.ref, sha: p.head.sha, repo: { id: repo.id, url: api, name: repo.name } }, base: { ref: p.base.ref, sha: p.base.sha, repo: { id: repo.id, url: api, name: repo.name } } }));
}

export function renderCheckRun(ctx: TwinContext, c: TwinCheckRun, repo: TwinRepository) {
  const api = `${ctx.urls.api}/repos/${repo.owner}/${repo.name}`;
  const suite = c.suiteId === undefined ? undefined : ctx.store.data.checkSuites.find((s) => s.id === c.suiteId);
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
    check_suite: suite ? { id: suite.id, head_branch: suite.headBranch } : { id: c.id },
    app: null,
    pull_requests: pullsAt(ctx, repo, c.headSha),
  };
}

/** The app a suite belongs to: the twin's own app, or the CI app a person's checks are reported by. */
function suiteApp(ctx: TwinContext, appId: number) {
  const own = ctx.store.data.app;
  if (own && own.id === appId) return renderApp(own, ctx.store.user(own.ownerLogin, "Organization"), ctx.urls, ctx.store.data.installations.length, { checks: "write" }, ["check_run", "check_suite"]);
  const ci = { ...CI_APP, publicKeyPem: "", createdAt: "2018-07-30T09:30:17Z" };
  return { ...renderApp(ci, ctx.store.user(CI_APP.ownerLogin, "Organization"), ctx.urls, 1, { checks: "write", statuses: "write" }, ["check_run", "check_suite", "push"]), description: "Automate your workflow from idea to production" };
}

export async function renderCheckSuite(ctx: TwinContext, s: TwinCheckSuite, repo: TwinRepository) {
  const api = `${ctx.urls.api}/repos/${repo.owner}/${repo.name}`;
  const runs = suiteRuns(ctx, s);
  const outcome = suiteOutcome(runs);
  const c = await commitInfo(repoDirOf(ctx, repo), s.headSha);
  const person = { name: c.authorName, email: c.authorEmail };
  return {
    id: s.id,
    node_id: nodeId("CheckSuite", s.id),
    head_branch: s.headBranch,
    head_sha: s.headSha,
    status: outcome.status,
    conclusion: outcome.conclusion,
    url: `${api}/check-suites/${s.id}`,
    before: c.parents[0] ?? null,
    after: s.headSha,
    pull_requests: pullsAt(ctx, repo, s.headSha),
    app: suiteApp(ctx, s.appId),
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    rerequestable: true,
    runs_rerequestable: true,
    latest_check_runs_count: runs.length,
    check_runs_url: `${api}/check-suites/${s.id}/check-runs`,
    head_commit: { id: c.sha, tree_id: c.tree, message: c.message, timestamp: c.date, author: person, committer: person },
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
