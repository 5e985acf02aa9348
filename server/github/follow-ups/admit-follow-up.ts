// Starting the follow-up run for the feedback pending on a changeset: a new attempt of its task,
// admitted as the member who asked first (policy, kill switches, approvals as for any run), carrying
// every pending review and comment, and allowed to change only the files the changeset's run changed.
// The class is the task's. The changeset and task rows are locked, so two jobs (two reviewers' requests)
// start one run; the facts are asked again, since they may have moved since the deliveries.
import { AppError } from "../../core/app-error";
import type { OpContext } from "../../core/op-context";
import { admitRun } from "../../runs/admit-run";
import { recordFeedbackSignal } from "../../runs/record-injection-signal";
import { appendRunEvent } from "../../runs/run-events";
import { appendChangesetEvent } from "../changesets/changeset-transitions";
import { changedFilesOf } from "../webhooks/escalate-request";
import { CHANGESET_FIELDS } from "../webhooks/find-changeset";
import { followUpFacts, type LinkedMember } from "./follow-up-facts";
import { whyNoFollowUp } from "./follow-up-gate";

export type StartedFollowUp = { runId: string; state: string; reviewers: string[] };

/** null: no feedback is pending any more (another job started its run). A refusal throws AppError. */
export async function admitFollowUp(ctx: OpContext, changesetId: string, member: LinkedMember): Promise<StartedFollowUp | null> {
  const { tx } = ctx;
  const tenantId = ctx.scope.tenant.id;
  await tx.$queryRaw`SELECT 1 FROM "Changeset" WHERE id = ${changesetId} AND "tenantId" = ${tenantId} FOR UPDATE`;
  const cs = await tx.changeset.findFirst({ where: { id: changesetId, tenantId }, select: CHANGESET_FIELDS });
  if (!cs) throw new AppError("not_found", "the changeset is gone");
  const pending = await tx.followUpRequest.findMany({ where: { changesetId, tenantId, state: "pending" }, orderBy: { at: "asc" } });
  if (!pending.length) return null;
  await tx.$queryRaw`SELECT 1 FROM "Task" WHERE id = ${cs.taskId} AND "tenantId" = ${tenantId} FOR UPDATE`;
  const by = pending[0]!.githubLogin;
  const { facts, task } = await followUpFacts(tx, cs, by, member);
  const why = whyNoFollowUp({ ...facts, pending: false });
  if (why) throw new AppError("conflict", why);
  const allowedPaths = await changedFilesOf(tx, cs);
  if (!allowedPaths.length) throw new AppError("conflict", `run ${cs.runId} kept no patch naming the files it changed, so a follow-up would have none it may change`);
  const repo = await tx.repository.findFirst({ where: { id: cs.repositoryId, tenantId }, include: { team: { select: { slug: true } } } });
  if (!repo) throw new AppError("conflict", "the changeset's repository was removed");

  const last = await tx.run.aggregate({ where: { taskId: task.id, tenantId }, _max: { attempt: true } });
  const attempt = (last._max.attempt ?? 0) + 1;
  const reviewers = [...new Set(pending.map((p) => p.githubLogin))];
  const pr = cs.prNumber ? `PR #${cs.prNumber}` : "the pull request";
  const feedback = pending.map((p) => ({ key: p.key, kind: p.kind, by: p.githubLogin, url: p.url }));
  const admitted = await admitRun(ctx, task, repo, {
    attempt, at: "task", followUp: { ofRunId: cs.runId, allowedPaths },
    cause: `attempt ${attempt} of the task: a follow-up on review feedback by ${reviewers.join(", ")} on ${pr} (after run ${cs.runId})`,
    audit: (runId, governance) => ({
      action: "run.follow_up", resourceType: "run", resourceId: cs.runId,
      after: { followUpAs: runId, attempt, changesetId: cs.id, prNumber: cs.prNumber, reviewers, feedback, allowedPaths, governance },
    }),
  });
  const run = { id: admitted.runId, tenantId };
  await appendRunEvent(tx, run, {
    kind: "follow_up",
    message: `a follow-up on review feedback by ${reviewers.join(", ")} on ${pr}: it may change only the ${allowedPaths.length} file${allowedPaths.length === 1 ? "" : "s"} run ${cs.runId} changed`,
    data: { previousRunId: cs.runId, changesetId: cs.id, prNumber: cs.prNumber, feedback, allowedPaths },
  });
  // The feedback reaches the agent's instructions: text in it addressed to the agent counts like a file's.
  for (const p of pending) await recordFeedbackSignal(tx, run, { by: p.githubLogin, key: p.key, text: p.body });
  await tx.followUpRequest.updateMany({ where: { id: { in: pending.map((p) => p.id) }, state: "pending" }, data: { state: "started", runId: admitted.runId, decidedAt: new Date() } });
  await appendChangesetEvent(tx, cs, {
    kind: "follow_up",
    message: `follow-up run ${admitted.runId} (attempt ${attempt}) ${admitted.state === "queued" ? "started" : "waits for approval"} on review feedback by ${reviewers.join(", ")}`,
    data: { runId: admitted.runId, attempt, reviewers, keys: pending.map((p) => p.key), state: admitted.state },
  });
  return { runId: admitted.runId, state: admitted.state, reviewers };
}
