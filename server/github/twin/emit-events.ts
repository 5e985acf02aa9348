// Webhook payloads shaped like GitHub's for the events the twin sends: pull_request,
// pull_request_review, push, check_run, check_suite, status, issue_comment and installation.
import { commitInfo, commitsBetween } from "./bare-repository";
import { renderInstallation, renderRepository, renderUser } from "./render-common";
import { noReactions, renderCheckRun, renderCheckSuite, renderComment, renderReview } from "./render-activity";
import { branchesAt, renderCommit } from "./render-commit";
import { renderPull } from "./render-pull";
import { ownerOf, repoDirOf, type TwinContext } from "./twin-context";
import type { TwinCheckRun, TwinCheckSuite, TwinComment, TwinInstallation, TwinPull, TwinRepository, TwinReview, TwinStatus } from "./twin-types";
import { ZERO_SHA } from "./run-git";


const installationOf = (ctx: TwinContext, repo: TwinRepository) => ctx.store.data.installations.find((i) => i.account.login.toLowerCase() === repo.owner.toLowerCase())?.id ?? null;

function common(ctx: TwinContext, repo: TwinRepository, senderLogin: string) {
  return { repository: renderRepository(repo, ownerOf(ctx, repo), ctx.urls), sender: renderUser(ctx.store.user(senderLogin), ctx.urls) };
}

function emit(ctx: TwinContext, event: string, repo: TwinRepository, payload: Record<string, unknown>) {
  return ctx.webhooks.emit(event, payload, { installationId: installationOf(ctx, repo), repositoryId: repo.id });
}

export async function emitPullRequest(ctx: TwinContext, action: string, pull: TwinPull, repo: TwinRepository, senderLogin: string, extra: Record<string, unknown> = {}) {
  const rest = common(ctx, repo, senderLogin);
  return emit(ctx, "pull_request", repo, { action, number: pull.number, pull_request: await renderPull(ctx, pull, repo), ...extra, ...rest });
}

/** One event per `extras` entry, with the pull request rendered once (labels added in one request). */
export async function emitPullRequestEach(ctx: TwinContext, action: string, pull: TwinPull, repo: TwinRepository, senderLogin: string, extras: Record<string, unknown>[]) {
  const rest = common(ctx, repo, senderLogin);
  const rendered = await renderPull(ctx, pull, repo);
  return extras.map((extra) => emit(ctx, "pull_request", repo, { action, number: pull.number, pull_request: rendered, ...extra, ...rest }));
}

export async function emitReview(ctx: TwinContext, review: TwinReview, pull: TwinPull, repo: TwinRepository) {
  const rest = common(ctx, repo, review.userLogin);
  // The REST API says APPROVED; GitHub's webhook says approved.
  const rendered = renderReview(ctx, review, repo);
  return emit(ctx, "pull_request_review", repo, { action: "submitted", review: { ...rendered, state: rendered.state.toLowerCase() }, pull_request: await renderPull(ctx, pull, repo, "simple"), ...rest });
}

export function emitCheckRun(ctx: TwinContext, action: "created" | "completed", check: TwinCheckRun, repo: TwinRepository, senderLogin: string) {
  const rest = common(ctx, repo, senderLogin);
  return emit(ctx, "check_run", repo, { action, check_run: renderCheckRun(ctx, check, repo), ...rest });
}

export async function emitCheckSuite(ctx: TwinContext, action: "completed", suite: TwinCheckSuite, repo: TwinRepository, senderLogin: string) {
  const rest = common(ctx, repo, senderLogin);
  return emit(ctx, "check_suite", repo, { action, check_suite: await renderCheckSuite(ctx, suite, repo), ...rest });
}

/** A status event: the status, its commit, and the branches whose head it is (GitHub lists at most 10). */
export async function emitStatus(ctx: TwinContext, s: TwinStatus, repo: TwinRepository) {
  const rest = common(ctx, repo, s.creatorLogin);
  const api = `${ctx.urls.api}/repos/${repo.owner}/${repo.name}`;
  const branches = (await branchesAt(ctx, repo, s.sha)).slice(0, 10).map((name) => ({ name, commit: { sha: s.sha, url: `${api}/commits/${s.sha}` }, protected: name === repo.defaultBranch && repo.requiredApprovals > 0 }));
  return emit(ctx, "status", repo, {
    id: s.id, sha: s.sha, name: `${repo.owner}/${repo.name}`, target_url: s.targetUrl, avatar_url: null, context: s.context, description: s.description, state: s.state,
    commit: await renderCommit(ctx, repo, s.sha), branches, created_at: s.createdAt, updated_at: s.updatedAt, ...rest,
  });
}

export async function emitIssueComment(ctx: TwinContext, comment: TwinComment, pull: TwinPull, repo: TwinRepository) {
  const rest = common(ctx, repo, comment.userLogin);
  const pr = await renderPull(ctx, pull, repo, "simple");
  const repoApi = `${ctx.urls.api}/repos/${repo.owner}/${repo.name}`;
  const issue = {
    url: pr.issue_url, repository_url: repoApi, labels_url: `${pr.issue_url}/labels{/name}`, comments_url: `${pr.issue_url}/comments`, events_url: `${pr.issue_url}/events`,
    html_url: pr.html_url, id: pull.id, node_id: pr.node_id, number: pull.number, title: pull.title, user: pr.user, labels: pr.labels, state: pull.state, locked: false,
    assignee: null, assignees: [], milestone: null, comments: ctx.store.data.comments.filter((c) => c.repositoryId === repo.id && c.issueNumber === pull.number).length, created_at: pull.createdAt, updated_at: pull.updatedAt, closed_at: pull.closedAt,
    author_association: "MEMBER", active_lock_reason: null, body: pull.body, draft: pull.draft, reactions: noReactions(`${pr.issue_url}/reactions`),
    pull_request: { url: pr.url, html_url: pr.html_url, diff_url: pr.diff_url, patch_url: pr.patch_url, merged_at: pull.mergedAt },
  };
  return emit(ctx, "issue_comment", repo, { action: "created", issue, comment: renderComment(ctx, comment, repo), ...rest });
}

export async function emitPush(ctx: TwinContext, repo: TwinRepository, change: { branch: string; before: string; after: string }, pusherLogin: string) {
  const dir = repoDirOf(ctx, repo);
  const shas = change.after === ZERO_SHA ? [] : await commitsBetween(dir, change.before, change.after);
  const commits = [];
  for (const sha of shas) {
    const c = await commitInfo(dir, sha);
    commits.push({ id: c.sha, tree_id: c.tree, distinct: true, message: c.message, timestamp: c.date, url: `${ctx.urls.html}/${repo.owner}/${repo.name}/commit/${c.sha}`, author: { name: c.authorName, email: c.authorEmail }, committer: { name: c.authorName, email: c.authorEmail }, added: [], removed: [], modified: [] });
  }
  const rest = common(ctx, repo, pusherLogin);
  return emit(ctx, "push", repo, {
    ref: `refs/heads/${change.branch}`,
    before: change.before,
    after: change.after,
    created: change.before === ZERO_SHA,
    deleted: change.after === ZERO_SHA,
    forced: false,
    base_ref: null,
    compare: `${ctx.urls.html}/${repo.owner}/${repo.name}/compare/${change.before.slice(0, 12)}...${change.after.slice(0, 12)}`,
    commits,
    head_commit: commits.at(-1) ?? null,
    pusher: { name: pusherLogin, email: null },
    ...rest,
  });
}

export function emitInstallation(ctx: TwinContext, action: "created" | "deleted", installation: TwinInstallation) {
  const app = ctx.store.data.app!;
  const account = ctx.store.user(installation.account.login, installation.account.type);
  const repos = ctx.store.data.repositories
    .filter((r) => r.owner.toLowerCase() === installation.account.login.toLowerCase() && (installation.repositorySelection === "all" || installation.repositoryIds.includes(r.id)))
    .map((r) => ({ id: r.id, node_id: Buffer.from(`Repository:${r.id}`).toString("base64url"), name: r.name, full_name: `${r.owner}/${r.name}`, private: r.private }));
  return ctx.webhooks.emit("installation", { action, installation: renderInstallation(installation, app, account, ctx.urls), repositories: repos, sender: renderUser(account, ctx.urls) }, { installationId: null, repositoryId: null });
}
