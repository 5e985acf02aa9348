// The human's side of GitHub: what a reviewer or maintainer does on a pull request, each with the
// webhook GitHub would send. Pushing is a real commit on the branch in the bare repository, then
// the same follow-up as a push over HTTP. Used by the control endpoints (and so the CLI).
import { z } from "zod";
import { applyRefChanges } from "./apply-ref-changes";
import { branchSha, commitFiles } from "./bare-repository";
import { emitCheckRun } from "./emit-events";
import { GithubError, notFound } from "./github-error";
import { mergePull } from "./merge-pull";
import { addComment } from "./routes-issues";
import { findPull, submitReview } from "./routes-pulls";
import { setPullState } from "./set-pull-state";
import { repoDirOf, type TwinContext } from "./twin-context";
import type { TwinRepository } from "./twin-types";

const Target = { repo: z.string().regex(/^[^/]+\/[^/]+$/, "must be owner/name"), user: z.string().min(1) };
export const ZHumanAction = z.discriminatedUnion("action", [
  z.object({ action: z.literal("approve"), ...Target, number: z.number().int(), body: z.string().optional() }),
  z.object({ action: z.literal("request_changes"), ...Target, number: z.number().int(), body: z.string().min(1) }),
  z.object({ action: z.literal("comment"), ...Target, number: z.number().int(), body: z.string().min(1) }),
  z.object({ action: z.literal("push"), ...Target, number: z.number().int(), files: z.record(z.string(), z.string().nullable()), message: z.string().min(1) }),
  z.object({ action: z.literal("merge"), ...Target, number: z.number().int(), method: z.enum(["merge", "squash"]).optional() }),
  z.object({ action: z.literal("close"), ...Target, number: z.number().int() }),
  z.object({ action: z.literal("ready_for_review"), ...Target, number: z.number().int() }),
  z.object({ action: z.literal("set_check"), ...Target, number: z.number().int(), name: z.string().min(1), conclusion: z.enum(["success", "failure", "neutral", "cancelled", "skipped", "timed_out", "action_required"]) }),
  z.object({ action: z.literal("move_base"), ...Target, branch: z.string().optional(), files: z.record(z.string(), z.string().nullable()), message: z.string().min(1) }),
]);
export type HumanAction = z.infer<typeof ZHumanAction>;

function findRepository(ctx: TwinContext, full: string): TwinRepository {
  const [owner, name] = full.split("/");
  const repo = ctx.store.data.repositories.find((r) => r.owner.toLowerCase() === owner?.toLowerCase() && r.name.toLowerCase() === name?.toLowerCase());
  if (!repo) throw notFound();
  return repo;
}

const person = (ctx: TwinContext, login: string) => ({ name: login, email: `${ctx.store.user(login).id}+${login}@users.noreply.github.com` });

/** Commits files on a branch as the user and lets the twin follow, as a push of theirs would. */
async function commitAsHuman(ctx: TwinContext, repo: TwinRepository, branch: string, files: Record<string, string | null>, message: string, user: string) {
  return ctx.withRepositoryLock(repo.id, async () => {
    if (!(await branchSha(repoDirOf(ctx, repo), branch))) throw new GithubError(404, "Branch not found");
    const change = await commitFiles(repoDirOf(ctx, repo), { branch, files, message, author: person(ctx, user) });
    await applyRefChanges(ctx, repo, [{ branch, ...change }], user);
    return change.after;
  });
}

export async function performHumanAction(ctx: TwinContext, a: HumanAction): Promise<Record<string, unknown>> {
  const repo = findRepository(ctx, a.repo);
  if (a.action === "move_base") return { sha: await commitAsHuman(ctx, repo, a.branch ?? repo.defaultBranch, a.files, a.message, a.user) };
  const pull = findPull(ctx, repo, a.number);
  switch (a.action) {
    case "approve":
      return { review: (await submitReview(ctx, repo, pull, { event: "APPROVE", body: a.body }, a.user)).id };
    case "request_changes":
      return { review: (await submitReview(ctx, repo, pull, { event: "REQUEST_CHANGES", body: a.body }, a.user)).id };
    case "comment":
      return { comment: (await addComment(ctx, repo, pull, a.body, a.user)).id };
    case "push":
      return { sha: await commitAsHuman(ctx, repo, pull.head.ref, a.files, a.message, a.user) };
    case "merge":
      return mergePull(ctx, pull, repo, { by: a.user, method: a.method });
    case "close":
    case "ready_for_review":
      await setPullState(ctx, pull, repo, a.action, a.user);
      return { state: pull.state, draft: pull.draft };
    case "set_check": {
      const now = new Date().toISOString();
      let check = ctx.store.data.checkRuns.find((c) => c.repositoryId === repo.id && c.headSha === pull.head.sha && c.name === a.name);
      if (!check) {
        check = { id: ctx.store.nextId(), repositoryId: repo.id, headSha: pull.head.sha, name: a.name, status: "queued", conclusion: null, externalId: null, detailsUrl: null, output: { title: null, summary: null, text: null }, startedAt: now, completedAt: null, appId: 0 };
        ctx.store.data.checkRuns.push(check);
      }
      Object.assign(check, { status: "completed", conclusion: a.conclusion, completedAt: now });
      await ctx.store.save("checkRuns");
      emitCheckRun(ctx, "completed", check, repo, a.user);
      return { check: check.id };
    }
  }
}
