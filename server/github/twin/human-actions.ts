// The human's side of GitHub: what a reviewer or maintainer does on a pull request, each with the
// webhook GitHub would send. Pushing is a real commit on the branch in the bare repository, then
// the same follow-up as a push over HTTP. CI's side is here too: a check or a status on any commit (a
// sha or a branch's head), as a CI app would report it. Used by the control endpoints (and so the CLI).
import { z } from "zod";
import { applyRefChanges } from "./apply-ref-changes";
import { branchSha, commitFiles } from "./bare-repository";
import { CI_APP } from "./check-suite-outcome";
import { reportCheckRun, reportStatus } from "./commit-checks";
import { GithubError, notFound } from "./github-error";
import { mergePull } from "./merge-pull";
import { addComment } from "./routes-issues";
import { resolveCommitish } from "./render-commit";
import { findPull, submitReview } from "./routes-pulls";
import { setPullState } from "./set-pull-state";
import { repoDirOf, type TwinContext } from "./twin-context";
import type { TwinRepository } from "./twin-types";

const CONCLUSIONS = ["success", "failure", "neutral", "cancelled", "skipped", "timed_out", "action_required"] as const;
/** A commit: its sha, or a branch whose head it is. */
const ZRef = z.string().min(1).max(255).regex(/^[^-\s][^\s]*$/, "must be a commit sha or a branch name");
const Target = { repo: z.string().regex(/^[^/]+\/[^/]+$/, "must be owner/name"), user: z.string().min(1) };
export const ZHumanAction = z.discriminatedUnion("action", [
  z.object({ action: z.literal("approve"), ...Target, number: z.number().int(), body: z.string().optional() }),
  z.object({ action: z.literal("request_changes"), ...Target, number: z.number().int(), body: z.string().min(1) }),
  z.object({ action: z.literal("comment"), ...Target, number: z.number().int(), body: z.string().min(1) }),
  z.object({ action: z.literal("push"), ...Target, number: z.number().int(), files: z.record(z.string(), z.string().nullable()), message: z.string().min(1) }),
  z.object({ action: z.literal("merge"), ...Target, number: z.number().int(), method: z.enum(["merge", "squash"]).optional() }),
  z.object({ action: z.literal("close"), ...Target, number: z.number().int() }),
  z.object({ action: z.literal("ready_for_review"), ...Target, number: z.number().int() }),
  z.object({ action: z.literal("set_check"), ...Target, number: z.number().int(), name: z.string().min(1), conclusion: z.enum(CONCLUSIONS) }),
  // A check run on any commit: completed with its conclusion, or still queued or in progress.
  z.object({ action: z.literal("set_commit_check"), ...Target, ref: ZRef, name: z.string().min(1), status: z.enum(["queued", "in_progress", "completed"]).default("completed"), conclusion: z.enum(CONCLUSIONS).optional() })
    .refine((a) => (a.status === "completed") === (a.conclusion !== undefined), { message: "a completed check needs a conclusion; a queued or in_progress one has none", path: ["conclusion"] }),
  z.object({ action: z.literal("set_status"), ...Target, ref: ZRef, state: z.enum(["error", "failure", "pending", "success"]), context: z.string().min(1).default("default"), description: z.string().optional() }),
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

async function commitOf(ctx: TwinContext, repo: TwinRepository, ref: string): Promise<string> {
  const sha = await resolveCommitish(ctx, repo, ref);
  if (!sha) throw new GithubError(422, `No commit found for SHA: ${ref}`);
  return sha;
}

export async function performHumanAction(ctx: TwinContext, a: HumanAction): Promise<Record<string, unknown>> {
  const repo = findRepository(ctx, a.repo);
  if (a.action === "set_commit_check") {
    const sha = await commitOf(ctx, repo, a.ref);
    const check = await reportCheckRun(ctx, repo, { sha, name: a.name, status: a.status, conclusion: a.conclusion ?? null, appId: CI_APP.id, by: a.user, reuse: true });
    return { check: check.id, sha };
  }
  if (a.action === "set_status") {
    const sha = await commitOf(ctx, repo, a.ref);
    const status = await reportStatus(ctx, repo, { sha, state: a.state, context: a.context, description: a.description ?? null, targetUrl: null, by: a.user });
    return { status: status.id, sha };
  }
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
    case "set_check":
      return { check: (await reportCheckRun(ctx, repo, { sha: pull.head.sha, name: a.name, status: "completed", conclusion: a.conclusion, appId: CI_APP.id, by: a.user, reuse: true })).id };
  }
}
