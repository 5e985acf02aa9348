// Pull requests: list, create (one open PR per head branch: a second is GitHub's 422 "already
// exists"), get, update, request reviewers, reviews, merge.
import { z } from "zod";
import { requireRepository } from "./authenticate-request";
import { branchSha, compareCommits } from "./bare-repository";
import { emitPullRequest, emitReview } from "./emit-events";
import { GithubError, notFound, validationFailed } from "./github-error";
import { mergePull } from "./merge-pull";
import { renderReview } from "./render-activity";
import { renderUser } from "./render-common";
import { renderPull } from "./render-pull";
import { setPullState } from "./set-pull-state";
import { appBot, repoDirOf, type TwinContext } from "./twin-context";
import { paginate, parseBody, route, type Route } from "./route-table";
import type { TwinPull, TwinRepository, TwinReview } from "./twin-types";
import type { TwinAuth } from "./authenticate-request";

const ZCreate = z.object({ title: z.string().min(1), head: z.string().min(1), base: z.string().min(1), body: z.string().nullable().optional(), draft: z.boolean().optional(), maintainer_can_modify: z.boolean().optional() });
const ZUpdate = z.object({ title: z.string().optional(), body: z.string().nullable().optional(), state: z.enum(["open", "closed"]).optional(), base: z.string().optional(), maintainer_can_modify: z.boolean().optional() });
const ZReviewers = z.object({ reviewers: z.array(z.string()).optional(), team_reviewers: z.array(z.string()).optional() });
const ZReview = z.object({ body: z.string().optional(), event: z.enum(["APPROVE", "REQUEST_CHANGES", "COMMENT"]), commit_id: z.string().optional() });
const ZMerge = z.object({ commit_title: z.string().optional(), commit_message: z.string().optional(), sha: z.string().optional(), merge_method: z.enum(["merge", "squash", "rebase"]).optional() });

export const alreadyExists = (owner: string, branch: string) => validationFailed([{ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${owner}:${branch}.` }]);

export function findPull(ctx: TwinContext, repo: TwinRepository, number: string | number): TwinPull {
  const pull = ctx.store.data.pulls.find((p) => p.repositoryId === repo.id && p.number === Number(number));
  if (!pull) throw notFound();
  return pull;
}

// Everything an installation token does is done by the app's bot user.
const actorLogin = (ctx: TwinContext, _auth: TwinAuth) => appBot(ctx).login;

/** Creates a pull request as `by`; the same rules whether the app or a human opens it. */
export async function createPull(ctx: TwinContext, repo: TwinRepository, input: z.infer<typeof ZCreate>, by: string): Promise<TwinPull> {
  const headBranch = input.head.includes(":") ? input.head.slice(input.head.indexOf(":") + 1) : input.head;
  const headOwner = input.head.includes(":") ? input.head.slice(0, input.head.indexOf(":")) : repo.owner;
  const dir = repoDirOf(ctx, repo);
  const baseSha = await branchSha(dir, input.base);
  if (!baseSha) throw validationFailed([{ resource: "PullRequest", field: "base", code: "invalid" }]);
  const headSha = headOwner.toLowerCase() === repo.owner.toLowerCase() ? await branchSha(dir, headBranch) : null;
  if (!headSha) throw validationFailed([{ resource: "PullRequest", field: "head", code: "invalid" }]);
  if (ctx.store.data.pulls.some((p) => p.repositoryId === repo.id && p.state === "open" && p.head.ref === headBranch)) throw alreadyExists(repo.owner, headBranch);
  if ((await compareCommits(dir, baseSha, headSha)).commits === 0) throw validationFailed([{ resource: "PullRequest", code: "custom", message: `No commits between ${input.base} and ${headBranch}` }]);
  const now = new Date().toISOString();
  const pull: TwinPull = {
    id: ctx.store.nextId(),
    repositoryId: repo.id,
    number: repo.nextNumber++,
    title: input.title,
    body: input.body ?? null,
    state: "open",
    draft: input.draft ?? false,
    merged: false,
    mergedAt: null,
    mergedBy: null,
    mergeCommitSha: null,
    head: { ref: headBranch, sha: headSha },
    base: { ref: input.base, sha: baseSha },
    labels: [],
    requestedReviewers: [],
    userLogin: by,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  };
  ctx.store.data.pulls.push(pull);
  await ctx.store.save("pulls", "repositories");
  await emitPullRequest(ctx, "opened", pull, repo, by);
  return pull;
}

/** Submits a review; the author of a pull request may not approve or reject their own. */
export async function submitReview(ctx: TwinContext, repo: TwinRepository, pull: TwinPull, input: z.infer<typeof ZReview>, by: string): Promise<TwinReview> {
  if (pull.userLogin.toLowerCase() === by.toLowerCase() && input.event !== "COMMENT") {
    throw new GithubError(422, "Unprocessable Entity", { errors: [input.event === "APPROVE" ? "Can not approve your own pull request" : "Can not request changes on your own pull request"] });
  }
  if (input.event !== "APPROVE" && !input.body) throw new GithubError(422, "Unprocessable Entity", { errors: [`Review Can not ${input.event === "COMMENT" ? "comment" : "request changes"} without a body`] });
  const review: TwinReview = {
    id: ctx.store.nextId(),
    repositoryId: repo.id,
    pullNumber: pull.number,
    userLogin: by,
    body: input.body ?? "",
    state: input.event === "APPROVE" ? "APPROVED" : input.event === "REQUEST_CHANGES" ? "CHANGES_REQUESTED" : "COMMENTED",
    commitId: input.commit_id ?? pull.head.sha,
    submittedAt: new Date().toISOString(),
  };
  ctx.store.data.reviews.push(review);
  pull.requestedReviewers = pull.requestedReviewers.filter((l) => l.toLowerCase() !== by.toLowerCase());
  pull.updatedAt = review.submittedAt;
  await ctx.store.save("reviews", "pulls");
  await emitReview(ctx, review, pull, repo);
  return review;
}

export const PULL_ROUTES: Route[] = [
  route("GET", "/repos/:owner/:repo/pulls", async ({ ctx, auth, params, query }) => {
    const repo = requireRepository(ctx.store, auth, params.owner, params.repo, ["pull_requests", "read"]);
    const state = query.get("state") ?? "open";
    const head = query.get("head");
    const base = query.get("base");
    const all = ctx.store.data.pulls
      .filter((p) => p.repositoryId === repo.id && (state === "all" || p.state === state))
      .filter((p) => !head || (head.includes(":") ? `${repo.owner}:${p.head.ref}`.toLowerCase() === head.toLowerCase() : true))
      .filter((p) => !base || p.base.ref === base)
      .sort((a, b) => (query.get("direction") === "asc" ? a.number - b.number : b.number - a.number));
    const page = paginate(all, query, `${ctx.urls.api}/repos/${repo.owner}/${repo.name}/pulls`);
    return { status: 200, body: await Promise.all(page.items.map((p) => renderPull(ctx, p, repo, "simple"))), headers: page.headers };
  }),
  route(
    "POST",
    "/repos/:owner/:repo/pulls",
    async ({ ctx, auth, params, body }) => {
      const repo = requireRepository(ctx.store, auth, params.owner, params.repo, ["pull_requests", "write"]);
      const pull = await createPull(ctx, repo, parseBody(ZCreate, body), actorLogin(ctx, auth));
      const json = await renderPull(ctx, pull, repo);
      return { status: 201, body: json, headers: { location: json.url } };
    },
    { contentCreating: true },
  ),
  route("GET", "/repos/:owner/:repo/pulls/:number", async ({ ctx, auth, params }) => {
    const repo = requireRepository(ctx.store, auth, params.owner, params.repo, ["pull_requests", "read"]);
    return { status: 200, body: await renderPull(ctx, findPull(ctx, repo, params.number), repo) };
  }),
  route(
    "PATCH",
    "/repos/:owner/:repo/pulls/:number",
    async ({ ctx, auth, params, body }) => {
      const repo = requireRepository(ctx.store, auth, params.owner, params.repo, ["pull_requests", "write"]);
      const pull = findPull(ctx, repo, params.number);
      const input = parseBody(ZUpdate, body);
      const by = actorLogin(ctx, auth);
      if (input.base !== undefined && !(await branchSha(repoDirOf(ctx, repo), input.base))) throw validationFailed([{ resource: "PullRequest", field: "base", code: "invalid" }]);
      const edited = (input.title !== undefined && input.title !== pull.title) || (input.body !== undefined && input.body !== pull.body) || (input.base !== undefined && input.base !== pull.base.ref);
      if (edited) {
        const changes: Record<string, { from: string | null }> = {};
        if (input.title !== undefined && input.title !== pull.title) changes.title = { from: pull.title };
        if (input.body !== undefined && input.body !== pull.body) changes.body = { from: pull.body };
        Object.assign(pull, { title: input.title ?? pull.title, body: input.body === undefined ? pull.body : input.body, updatedAt: new Date().toISOString() });
        if (input.base) pull.base.ref = input.base;
        await ctx.store.save("pulls");
        await emitPullRequest(ctx, "edited", pull, repo, by, { changes });
      }
      if (input.state === "closed") await setPullState(ctx, pull, repo, "close", by);
      if (input.state === "open") await setPullState(ctx, pull, repo, "reopen", by);
      return { status: 200, body: await renderPull(ctx, pull, repo) };
    },
    { contentCreating: true },
  ),
  route(
    "POST",
    "/repos/:owner/:repo/pulls/:number/requested_reviewers",
    async ({ ctx, auth, params, body }) => {
      const repo = requireRepository(ctx.store, auth, params.owner, params.repo, ["pull_requests", "write"]);
      const pull = findPull(ctx, repo, params.number);
      const input = parseBody(ZReviewers, body);
      const by = actorLogin(ctx, auth);
      for (const login of input.reviewers ?? []) {
        if (login.toLowerCase() === pull.userLogin.toLowerCase()) throw new GithubError(422, "Review cannot be requested from pull request author.");
      }
      for (const login of input.reviewers ?? []) {
        if (pull.requestedReviewers.some((l) => l.toLowerCase() === login.toLowerCase())) continue;
        pull.requestedReviewers.push(login);
        pull.updatedAt = new Date().toISOString();
        await ctx.store.save("pulls");
        await emitPullRequest(ctx, "review_requested", pull, repo, by, { requested_reviewer: renderUser(ctx.store.user(login), ctx.urls) });
      }
      return { status: 201, body: await renderPull(ctx, pull, repo, "simple") };
    },
    { contentCreating: true },
  ),
  route("GET", "/repos/:owner/:repo/pulls/:number/reviews", async ({ ctx, auth, params, query }) => {
    const repo = requireRepository(ctx.store, auth, params.owner, params.repo, ["pull_requests", "read"]);
    const pull = findPull(ctx, repo, params.number);
    const all = ctx.store.data.reviews.filter((r) => r.repositoryId === repo.id && r.pullNumber === pull.number);
    const page = paginate(all, query, `${ctx.urls.api}/repos/${repo.owner}/${repo.name}/pulls/${pull.number}/reviews`);
    return { status: 200, body: page.items.map((r) => renderReview(ctx, r, repo)), headers: page.headers };
  }),
  route(
    "POST",
    "/repos/:owner/:repo/pulls/:number/reviews",
    async ({ ctx, auth, params, body }) => {
      const repo = requireRepository(ctx.store, auth, params.owner, params.repo, ["pull_requests", "write"]);
      const pull = findPull(ctx, repo, params.number);
      const review = await submitReview(ctx, repo, pull, parseBody(ZReview, body), actorLogin(ctx, auth));
      return { status: 200, body: renderReview(ctx, review, repo) };
    },
    { contentCreating: true },
  ),
  route(
    "PUT",
    "/repos/:owner/:repo/pulls/:number/merge",
    async ({ ctx, auth, params, body }) => {
      const repo = requireRepository(ctx.store, auth, params.owner, params.repo, ["contents", "write"]);
      const pull = findPull(ctx, repo, params.number);
      const input = parseBody(ZMerge, body);
      const { sha } = await mergePull(ctx, pull, repo, { by: actorLogin(ctx, auth), method: input.merge_method, sha: input.sha, title: input.commit_title, message: input.commit_message });
      return { status: 200, body: { sha, merged: true, message: "Pull Request successfully merged" } };
    },
    { contentCreating: true },
  ),
];
