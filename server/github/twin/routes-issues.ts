// The issue endpoints Fleetgate uses on pull requests: labels and comments (a pull request is an
// issue and shares its number).
import { z } from "zod";
import { requireRepository } from "./authenticate-request";
import { emitIssueComment, emitPullRequestEach } from "./emit-events";
import { permits } from "./installation-access";
import { notAccessible } from "./github-error";
import { renderComment } from "./render-activity";
import { renderLabel } from "./render-common";
import { appBot, type TwinContext } from "./twin-context";
import { paginate, parseBody, route, type Route } from "./route-table";
import { findPull } from "./routes-pulls";
import type { TwinAuth } from "./authenticate-request";
import type { TwinComment, TwinLabel, TwinPull, TwinRepository } from "./twin-types";

const ZLabels = z.union([z.array(z.string()), z.object({ labels: z.array(z.string()) }).transform((o) => o.labels)]);
const ZComment = z.object({ body: z.string().min(1) });

const COLORS = ["ededed", "0e8a16", "d93f0b", "1d76db", "fbca04", "5319e7", "b60205"];

/** On a pull request, issues:write or pull_requests:write will do, as on GitHub. */
function requireIssueWrite(ctx: TwinContext, auth: TwinAuth, owner: string, name: string): TwinRepository {
  const repo = requireRepository(ctx.store, auth, owner, name);
  if (auth.kind === "installation" && (permits(auth.token.permissions, "issues", "write") || permits(auth.token.permissions, "pull_requests", "write"))) return repo;
  throw notAccessible();
}

/** Adds the labels at once (one write of the state) and sends a `labeled` event for each one added, as GitHub does. */
export async function addLabels(ctx: TwinContext, repo: TwinRepository, pull: TwinPull, names: string[], by: string): Promise<void> {
  const added: TwinLabel[] = [];
  for (const name of names) {
    let label = repo.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
    if (!label) {
      label = { id: ctx.store.nextId(), name, color: COLORS[repo.labels.length % COLORS.length] ?? "ededed", description: null };
      repo.labels.push(label);
    }
    if (pull.labels.includes(label.name)) continue;
    pull.labels.push(label.name);
    added.push(label);
  }
  if (!added.length) return;
  pull.updatedAt = new Date().toISOString();
  await ctx.store.save("repositories", "pulls");
  await emitPullRequestEach(ctx, "labeled", pull, repo, by, added.map((l) => ({ label: renderLabel(l, repo, ctx.urls) })));
}

export async function addComment(ctx: TwinContext, repo: TwinRepository, pull: TwinPull, body: string, by: string): Promise<TwinComment> {
  const now = new Date().toISOString();
  const comment: TwinComment = { id: ctx.store.nextId(), repositoryId: repo.id, issueNumber: pull.number, userLogin: by, body, createdAt: now, updatedAt: now };
  ctx.store.data.comments.push(comment);
  await ctx.store.save("comments");
  await emitIssueComment(ctx, comment, pull, repo);
  return comment;
}

export const ISSUE_ROUTES: Route[] = [
  route(
    "POST",
    "/repos/:owner/:repo/issues/:number/labels",
    async ({ ctx, auth, params, body }) => {
      const repo = requireIssueWrite(ctx, auth, params.owner, params.repo);
      const pull = findPull(ctx, repo, params.number);
      await addLabels(ctx, repo, pull, parseBody(ZLabels, body), appBot(ctx).login);
      const labels = repo.labels.filter((l) => pull.labels.includes(l.name)).map((l) => renderLabel(l, repo, ctx.urls));
      return { status: 200, body: labels };
    },
    { contentCreating: true },
  ),
  route("GET", "/repos/:owner/:repo/issues/:number/comments", async ({ ctx, auth, params, query }) => {
    const repo = requireRepository(ctx.store, auth, params.owner, params.repo);
    if (auth.kind === "installation" && !permits(auth.token.permissions, "issues", "read") && !permits(auth.token.permissions, "pull_requests", "read")) throw notAccessible();
    const pull = findPull(ctx, repo, params.number);
    const all = ctx.store.data.comments.filter((c) => c.repositoryId === repo.id && c.issueNumber === pull.number);
    const page = paginate(all, query, `${ctx.urls.api}/repos/${repo.owner}/${repo.name}/issues/${pull.number}/comments`);
    return { status: 200, body: page.items.map((c) => renderComment(ctx, c, repo)), headers: page.headers };
  }),
  route(
    "POST",
    "/repos/:owner/:repo/issues/:number/comments",
    async ({ ctx, auth, params, body }) => {
      const repo = requireIssueWrite(ctx, auth, params.owner, params.repo);
      const pull = findPull(ctx, repo, params.number);
      const comment = await addComment(ctx, repo, pull, parseBody(ZComment, body).body, appBot(ctx).login);
      return { status: 201, body: renderComment(ctx, comment, repo), headers: { location: `${ctx.urls.api}/repos/${repo.owner}/${repo.name}/issues/comments/${comment.id}` } };
    },
    { contentCreating: true },
  ),
];
