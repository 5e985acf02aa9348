// Stopping a run. A run that is not executing (queued, waiting for approval) ends at once, and its
// pending approval requests with it; an executing one is flagged, and its worker's heartbeat stops
// it within a beat (the sandboxed command is killed).
import { cancelApprovalsForSubject } from "../approvals/cancel-approval";
import { waveCheckAfterCommit } from "../campaigns/wave-jobs";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { policyRefusal } from "../authz/policy-refusal";
import { actorLabel } from "../authz/scope";
import { appendRunEvent } from "./run-events";
import { isTerminal, transitionRun } from "./run-transitions";

export async function cancelRun(ctx: OpContext, runId: string, reason: string) {
  const tenantId = ctx.scope.tenant.id;
  // Locked first: a worker taking the run meanwhile must not find it cancelled under its feet, nor a
  // cancel pick the "at once" branch for a run that has just started.
  await ctx.tx.$queryRaw`SELECT 1 FROM "Run" WHERE id = ${runId} AND "tenantId" = ${tenantId} FOR UPDATE`;
  const run = await ctx.tx.run.findFirst({ where: { id: runId, tenantId }, include: { task: { select: { requesterId: true } } } });
  if (!run) throw new AppError("not_found", "run not found");
  const d = await ctx.decide("run.cancel", { kind: "run", requesterId: run.task.requesterId, repository: run.repositoryId });
  if (d.effect !== "allow") throw policyRefusal("cancelling this run", d);
  if (isTerminal(run.state)) throw new AppError("conflict", `the run already ${run.state === "succeeded" ? "succeeded" : run.state === "failed" ? "failed" : "was cancelled"}; nothing to stop`);
  const who = actorLabel(ctx.scope.actor);
  if (run.state === "queued" || run.state === "awaiting_approval") {
    await ctx.audit({ action: "run.cancel", resourceType: "run", resourceId: run.id, after: { reason, stopped: "at once" } });
    await cancelApprovalsForSubject(ctx, "run", run.id, `the run was cancelled by ${who}`);
    await transitionRun(ctx.tx, run.id, { to: "cancelled", failureClass: "cancelled", cause: `cancelled by ${who}: ${reason}`, audit: ctx.audit });
    waveCheckAfterCommit(run.campaignId, ctx.afterCommit);
    return { id: run.id, state: "cancelled" as const };
  }
  if (run.cancelRequested) throw new AppError("conflict", "a cancel was already asked for; the run stops within a heartbeat");
  await ctx.tx.run.update({ where: { id: run.id }, data: { cancelRequested: true } });
  await appendRunEvent(ctx.tx, run, { kind: "log", message: `cancel requested by ${who}: ${reason}` });
  await ctx.audit({ action: "run.cancel", resourceType: "run", resourceId: run.id, after: { reason, stopped: "by its worker" } });
  return { id: run.id, state: "cancelling" as const };
}
