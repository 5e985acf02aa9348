// The approvals consumer for a budget_raise request (wait-for-budget.ts raised it for a run that a
// hard budget stopped). Approved: the budget's limit becomes the proposed one (never lowered, if an
// admin raised it further meanwhile; audited as budget.raised in the same transaction) and the run
// is queued again, to ask for the step it was refused. Denied, expired or withdrawn: the run ends as
// failed / budget_exhausted, naming the budget. Leaving awaiting_approval clears Run.budgetWait.
import type { ApprovalConsumer } from "../approvals/consumer";
import type { AuditInput } from "../audit/append-event";
import type { AuditRecord } from "../core/op-context";
import { formatMoney } from "../cost/money";
import { env } from "../env";
import { removeWorkspace } from "../sandbox/prepare-workspace";
import { enqueueRun } from "./run-jobs";
import { transitionRun } from "./run-transitions";
import type { BudgetWait } from "./wait-for-budget";

export const applyBudgetRaise: ApprovalConsumer = async (tx, request) => {
  const run = await tx.run.findFirst({ where: { id: request.subjectId, tenantId: request.tenantId }, select: { id: true, state: true, approvalId: true, budgetWait: true } });
  if (!run) return "nothing to do: the run no longer exists";
  const wait = run.budgetWait as BudgetWait | null;
  if (run.state !== "awaiting_approval" || run.approvalId !== request.id || !wait) return `nothing to do: the run is ${run.state}`;
  const events: AuditInput[] = [];
  const audit = async (e: AuditRecord) => void events.push({ tenantId: request.tenantId, actorType: "system", actorLabel: "worker", ...e });
  const currency = env().COST_CURRENCY;
  const budget = `the ${wait.scope} budget "${wait.budgetName}"`;

  if (request.state !== "approved") {
    const cause = `${budget} was not raised (approval ${request.outcomeReason ?? request.state}): ${formatMoney(wait.spentMicros, currency)} spent of `
      + `${formatMoney(wait.limitMicros, currency)}, and ${wait.what} needed up to ${formatMoney(wait.neededMicros, currency)}`;
    await transitionRun(tx, run.id, { to: "failed", failureClass: "budget_exhausted", cause, data: { approval: request.id, budget: { id: wait.budgetId, name: wait.budgetName } }, audit });
    return { result: "the run failed: its budget was not raised", audit: events, afterCommit: () => removeWorkspace(run.id) };
  }

  const proposed = BigInt(wait.proposedLimitMicros);
  const by = request.outcomeReason ?? "approved";
  const [current] = await tx.$queryRaw<{ limitMicros: bigint }[]>`
    SELECT "limitMicros" FROM "Budget" WHERE id = ${wait.budgetId} AND "tenantId" = ${request.tenantId} AND "archivedAt" IS NULL FOR UPDATE`;
  const raised = current && current.limitMicros < proposed ? { before: current.limitMicros } : null;
  if (raised) {
    await tx.budget.update({ where: { id: wait.budgetId }, data: { limitMicros: proposed } });
    events.push({
      tenantId: request.tenantId, actorType: "system", actorLabel: "worker", action: "budget.raised", resourceType: "budget", resourceId: wait.budgetId,
      before: { limitMicros: String(raised.before) },
      after: { limitMicros: wait.proposedLimitMicros, approval: request.id, run: run.id, reason: by },
    });
  }
  const cause = raised
    ? `${budget} was raised to ${formatMoney(proposed, currency)} (${by})`
    : `${budget} already allows ${formatMoney(proposed, currency)} or more, or is archived (${by})`;
  await transitionRun(tx, run.id, { to: "queued", cause, set: { approvalId: null }, data: { approval: request.id, budget: { id: wait.budgetId, name: wait.budgetName } }, audit });
  return { result: raised ? "the budget was raised; the run is queued again" : "the run is queued again", afterCommit: () => enqueueRun(run.id, `budget-${request.id}`), audit: events };
};
