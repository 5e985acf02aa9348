// Repositories, branches, refs, check runs and commit statuses.
import { z } from "zod";
import { applyRefChanges } from "./apply-ref-changes";
import { requireRepository } from "./authenticate-request";
import { branchSha, deleteRef } from "./bare-repository";
import { combinedStatus, reportCheckRun, reportStatus } from "./commit-checks";
import { GithubError, notFound } from "./github-error";
import { renderCheckRun, renderStatus } from "./render-activity";
import { nodeId, renderRepository } from "./render-common";
import { renderCommit, resolveCommitish } from "./render-commit";
import { appBot, ownerOf, repoDirOf } from "./twin-context";
import { paginate, parseBody, route, type Route } from "./route-table";

const ZCheckRun = z.object({
  name: z.string().min(1),
  head_sha: z.string().regex(/^[0-9a-f]{40}$/),
  status: z.enum(["queued", "in_progress", "completed"]).optional(),
  conclusion: z.enum(["success", "failure", "neutral", "cancelled", "skipped", "timed_out", "action_required"]).optional(),
  external_id: z.string().optional(),
  details_url: z.string().optional(),
  started_at: z.string().optional(),
  completed_at: z.string().optional(),
  output: z.object({ title: z.string().optional(), summary: z.string().optional(), text: z.string().optional() }).optional(),
});

const ZStatus = z.object({ state: z.enum(["error", "failure", "pending", "success"]), target_url: z.string().nullable().optional(), description: z.string().nullable().optional(), context: z.string().default("default") });

export const REPO_ROUTES: Route[] = [
  route("GET", "/repos/:owner/:repo", async ({ ctx, auth, params }) => {
    const repo = requireRepository(ctx.store, auth, params.owner, params.repo);
    const json = renderRepository(repo, ownerOf(ctx, repo), ctx.urls);
    return { status: 200, body: { ...json, network_count: 0, subscribers_count: 0, permissions: { admin: false, maintain: false, push: false, triage: false, pull: true } } };
  }),
  route("GET", "/repos/:owner/:repo/branches/*branch", async ({ ctx, auth, params }) => {
    const repo = requireRepository(ctx.store, auth, params.owner, params.repo, ["contents", "read"]);
    const sha = await branchSha(repoDirOf(ctx, repo), params.branch);
    if (!sha) throw new GithubError(404, "Branch not found");
    const api = `${ctx.urls.api}/repos/${repo.owner}/${repo.name}`;
    return {
      status: 200,
      body: {
        name: params.branch,
        commit: await renderCommit(ctx, repo, sha),
        _links: { self: `${api}/branches/${params.branch}`, html: `${ctx.urls.html}/${repo.owner}/${repo.name}/tree/${params.branch}` },
        protected: params.branch === repo.defaultBranch && repo.requiredApprovals > 0,
        protection: { enabled: params.branch === repo.defaultBranch && repo.requiredApprovals > 0, required_status_checks: { enforcement_level: "off", contexts: [], checks: [] } },
        protection_url: `${api}/branches/${params.branch}/protection`,
      },
    };
  }),
  route("GET", "/repos/:owner/:repo/git/ref/*ref", async ({ ctx, auth, params }) => {
    const repo = requireRepository(ctx.store, auth, params.owner, params.repo, ["contents", "read"]);
    if (!params.ref.startsWith("heads/")) throw notFound();
    const sha = await branchSha(repoDirOf(ctx, repo), params.ref.slice("heads/".length));
    if (!sha) throw notFound();
    const api = `${ctx.urls.api}/repos/${repo.owner}/${repo.name}`;
    return { status: 200, body: { ref: `refs/${params.ref}`, node_id: nodeId("Ref", parseInt(sha.slice(0, 8), 16)), url: `${api}/git/refs/${params.ref}`, object: { type: "commit", sha, url: `${api}/git/commits/${sha}` } } };
  }),
  route(
    "DELETE",
    "/repos/:owner/:repo/git/refs/*ref",
    async ({ ctx, auth, params }) => {
      const repo = requireRepository(ctx.store, auth, params.owner, params.repo, ["contents", "write"]);
      const branch = params.ref.startsWith("heads/") ? params.ref.slice("heads/".length) : null;
      if (!branch) throw new GithubError(422, "Reference does not exist");
      await ctx.withRepositoryLock(repo.id, async () => {
        const dir = repoDirOf(ctx, repo);
        const before = await branchSha(dir, branch);
        if (!before || !(await deleteRef(dir, `refs/heads/${branch}`))) throw new GithubError(422, "Reference does not exist");
        await applyRefChanges(ctx, repo, [{ branch, before, after: "0".repeat(40) }], appBot(ctx).login);
      });
      return { status: 204 };
    },
    { contentCreating: true },
  ),
  route(
    "POST",
    "/repos/:owner/:repo/check-runs",
    async ({ ctx, auth, params, body }) => {
      const repo = requireRepository(ctx.store, auth, params.owner, params.repo, ["checks", "write"]);
      const input = parseBody(ZCheckRun, body);
      const now = new Date().toISOString();
      const status = input.conclusion ? "completed" : (input.status ?? "queued");
      if (status === "completed" && !input.conclusion) throw new GithubError(422, "Invalid request.\n\n\"conclusion\" wasn't supplied.");
      const check = await reportCheckRun(ctx, repo, {
        sha: input.head_sha, name: input.name, status, conclusion: input.conclusion ?? null, appId: ctx.store.data.app!.id, by: appBot(ctx).login, reuse: false,
        details: {
          externalId: input.external_id ?? null, detailsUrl: input.details_url ?? null,
          output: { title: input.output?.title ?? null, summary: input.output?.summary ?? null, text: input.output?.text ?? null },
          startedAt: input.started_at ?? now, ...(status === "completed" ? { completedAt: input.completed_at ?? now } : {}),
        },
      });
      return { status: 201, body: renderCheckRun(ctx, check, repo) };
    },
    { contentCreating: true },
  ),
  route("GET", "/repos/:owner/:repo/commits/*ref/check-runs", async ({ ctx, auth, params, query }) => {
    const repo = requireRepository(ctx.store, auth, params.owner, params.repo, ["checks", "read"]);
    const sha = await resolveCommitish(ctx, repo, params.ref);
    if (!sha) throw new GithubError(422, `No commit found for SHA: ${params.ref}`);
    const all = ctx.store.data.checkRuns.filter((c) => c.repositoryId === repo.id && c.headSha === sha && (!query.get("check_name") || c.name === query.get("check_name"))).reverse();
    const page = paginate(all, query, `${ctx.urls.api}/repos/${repo.owner}/${repo.name}/commits/${params.ref}/check-runs`);
    return { status: 200, body: { total_count: all.length, check_runs: page.items.map((c) => renderCheckRun(ctx, c, repo)) }, headers: page.headers };
  }),
  route(
    "POST",
    "/repos/:owner/:repo/statuses/:sha",
    async ({ ctx, auth, params, body }) => {
      const repo = requireRepository(ctx.store, auth, params.owner, params.repo, ["statuses", "write"]);
      const input = parseBody(ZStatus, body);
      const sha = await resolveCommitish(ctx, repo, params.sha);
      if (!sha) throw new GithubError(422, `No commit found for SHA: ${params.sha}`);
      const status = await reportStatus(ctx, repo, { sha, state: input.state, context: input.context, description: input.description ?? null, targetUrl: input.target_url ?? null, by: appBot(ctx).login });
      return { status: 201, body: renderStatus(ctx, status, repo) };
    },
    { contentCreating: true },
  ),
  route("GET", "/repos/:owner/:repo/commits/*ref/status", async ({ ctx, auth, params, query }) => {
    const repo = requireRepository(ctx.store, auth, params.owner, params.repo, ["statuses", "read"]);
    const sha = await resolveCommitish(ctx, repo, params.ref);
    if (!sha) throw new GithubError(422, `No commit found for SHA: ${params.ref}`);
    const { state, statuses } = combinedStatus(ctx, repo, sha);
    const api = `${ctx.urls.api}/repos/${repo.owner}/${repo.name}`;
    const page = paginate(statuses, query, `${api}/commits/${params.ref}/status`);
    return {
      status: 200,
      body: {
        state, sha, total_count: statuses.length, statuses: page.items.map((s) => renderStatus(ctx, s, repo)),
        repository: renderRepository(repo, ownerOf(ctx, repo), ctx.urls), commit_url: `${api}/commits/${sha}`, url: `${api}/commits/${sha}/status`,
      },
      headers: page.headers,
    };
  }),
  // After the check-runs and status routes, whose paths this wildcard would otherwise take.
  route("GET", "/repos/:owner/:repo/commits/*ref", async ({ ctx, auth, params }) => {
    const repo = requireRepository(ctx.store, auth, params.owner, params.repo, ["contents", "read"]);
    const sha = await resolveCommitish(ctx, repo, params.ref);
    if (!sha) throw new GithubError(422, `No commit found for SHA: ${params.ref}`);
    return { status: 200, body: await renderCommit(ctx, repo, sha) };
  }),
];
