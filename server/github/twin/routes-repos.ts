// Repositories, branches, refs, check runs and commit statuses.
import { z } from "zod";
import { applyRefChanges } from "./apply-ref-changes";
import { requireRepository } from "./authenticate-request";
import { branchSha, commitInfo, deleteRef } from "./bare-repository";
import { emitCheckRun } from "./emit-events";
import { GithubError, notFound } from "./github-error";
import { renderCheckRun, renderStatus } from "./render-activity";
import { nodeId, renderRepository } from "./render-common";
import { runGit } from "./run-git";
import { appBot, ownerOf, repoDirOf, type TwinContext } from "./twin-context";
import { paginate, parseBody, route, type Route } from "./route-table";
import type { TwinCheckRun, TwinRepository } from "./twin-types";

async function renderCommit(ctx: TwinContext, repo: TwinRepository, sha: string) {
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

/** A branch name or a sha, as GitHub resolves `{ref}` in commit endpoints. */
async function resolveCommitish(ctx: TwinContext, repo: TwinRepository, ref: string): Promise<string | null> {
  const r = await runGit(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { cwd: repoDirOf(ctx, repo) });
  return r.code === 0 ? r.stdout.trim() : null;
}

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
      const check: TwinCheckRun = {
        id: ctx.store.nextId(),
        repositoryId: repo.id,
        headSha: input.head_sha,
        name: input.name,
        status,
        conclusion: input.conclusion ?? null,
        externalId: input.external_id ?? null,
        detailsUrl: input.details_url ?? null,
        output: { title: input.output?.title ?? null, summary: input.output?.summary ?? null, text: input.output?.text ?? null },
        startedAt: input.started_at ?? now,
        completedAt: status === "completed" ? (input.completed_at ?? now) : null,
        appId: ctx.store.data.app!.id,
      };
      ctx.store.data.checkRuns.push(check);
      await ctx.store.save("checkRuns");
      emitCheckRun(ctx, "created", check, repo, appBot(ctx).login);
      if (status === "completed") emitCheckRun(ctx, "completed", check, repo, appBot(ctx).login);
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
      if (!(await resolveCommitish(ctx, repo, params.sha))) throw new GithubError(422, `No commit found for SHA: ${params.sha}`);
      const now = new Date().toISOString();
      const status = { id: ctx.store.nextId(), repositoryId: repo.id, sha: params.sha, state: input.state, context: input.context, description: input.description ?? null, targetUrl: input.target_url ?? null, creatorLogin: appBot(ctx).login, createdAt: now, updatedAt: now };
      ctx.store.data.statuses.push(status);
      await ctx.store.save("statuses");
      return { status: 201, body: renderStatus(ctx, status, repo) };
    },
    { contentCreating: true },
  ),
  // After the check-runs and status routes, whose paths this wildcard would otherwise take.
  route("GET", "/repos/:owner/:repo/commits/*ref", async ({ ctx, auth, params }) => {
    const repo = requireRepository(ctx.store, auth, params.owner, params.repo, ["contents", "read"]);
    const sha = await resolveCommitish(ctx, repo, params.ref);
    if (!sha) throw new GithubError(422, `No commit found for SHA: ${params.ref}`);
    return { status: 200, body: await renderCommit(ctx, repo, sha) };
  }),
];
