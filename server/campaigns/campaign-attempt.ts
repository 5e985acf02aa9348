// A new attempt of one of a campaign's tasks (a bulk retry or re-run, "retry failed"): the task's run
// retried (retry-run.ts: admitted against the policy and switches in force now, from the current
// default branch), in a savepoint, so a refusal is this item's outcome and the request goes on. As
// at launch, campaign.manage is what allows a campaign's runs: the caller needs no run.create. The
// policy's decisions are kept whether the attempt was admitted or not.
import type { Scope } from "../authz/scope";
import { inSavepoint } from "../core/in-savepoint";
import { queuedDecide, type OpContext } from "../core/op-context";
import { recordDecisions, type DecisionToRecord } from "../policy/record-decision";
import { retryRun } from "../runs/retry-run";

export type AttemptOutcome = { outcome: "done"; message: string; runId: string } | { outcome: "skipped"; message: string; runId: null };

export async function startCampaignAttempt(ctx: OpContext, runId: string, reason: string): Promise<AttemptOutcome> {
  const scope: Scope = { ...ctx.scope, permissions: new Set([...ctx.scope.permissions, "run.create"]) };
  const decisions: DecisionToRecord[] = [];
  const r = await inSavepoint({ ...ctx, scope, decide: queuedDecide(scope, decisions) }, (inner) => retryRun(inner, runId, { reason }));
  await recordDecisions(ctx.tx, ctx.scope.tenant.id, decisions);
  if (!r.ok) return { outcome: "skipped", message: r.message, runId: null };
  const waits = r.value.state === "awaiting_approval" ? ", waiting for approval" : "";
  return { outcome: "done", message: `new attempt: run ${r.value.runId}${waits}`, runId: r.value.runId };
}
