// A hard budget refused a run's next step (a model request, a sandbox command, a verifier step).
// Per the budget's onExhausted: "fail" ends the run as failed / budget_exhausted, naming the budget
// (RunInterrupted("budget_exhausted") for the worker to end it; a model adapter ends it itself);
// "approval" asks for a budget_raise approval (the tenant's admins decide, the run's requester
// asks): Run.budgetWait says which budget and why, the run waits in awaiting_approval, and
// RunInterrupted("awaiting_approval") unwinds the worker with nothing lost: the step that was
// refused is asked for again when the run resumes (apply-budget-raise.ts).
import { RunInterrupted } from "../agent/types";
import { requestApproval } from "../approvals/request-approval";
import type { HoldRefused } from "../cost/hold-cost";
import { ceilDiv, formatMoney, microsToDecimal } from "../cost/money";
import type { BudgetRefusal } from "../cost/reserve-cost";
import { env } from "../env";
import { asRequester, type RunContext } from "./run-context";
import { transitionRun } from "./run-transitions";

export const BUDGET_RAISE = "budget_raise";

/** What Run.budgetWait holds while the run waits: amounts are micro-units as decimal strings. */
export type BudgetWait = {
  budgetId: string; budgetName: string; scope: string; period: string; periodKey: string;
  limitMicros: string; spentMicros: string; reservedMicros: string; neededMicros: string; proposedLimitMicros: string;
  what: string; approvalId: string;
};

const CENT = 10_000n;

/** The limit to ask for: the limit plus the larger of what the step needed and a quarter of the limit, rounded up to a cent. */
export function proposedLimit(r: Pick<BudgetRefusal, "limitMicros" | "neededMicros">): bigint {
  const quarter = ceilDiv(r.limitMicros, 4n);
  const raised = r.limitMicros + (r.neededMicros > quarter ? r.neededMicros : quarter);
  return ceilDiv(raised, CENT) * CENT;
}

/**
 * For a refused hold: throws RunInterrupted("awaiting_approval") when the run now waits for the
 * budget to be raised, otherwise returns, and the caller ends the run as budget_exhausted.
 */
export async function waitIfRaisable(run: RunContext, owner: string, refused: HoldRefused, what: string): Promise<void> {
  if (refused.reason === "budget" && refused.refusal.onExhausted === "approval") await waitForBudget(run, owner, refused.refusal, refused.message, what);
}

/** For a worker step that cannot fail the run by returning: waits (as above), or throws RunInterrupted("budget_exhausted"). */
export async function budgetRefused(run: RunContext, owner: string, refused: HoldRefused, what: string): Promise<never> {
  await waitIfRaisable(run, owner, refused, what);
  throw new RunInterrupted("budget_exhausted", `stopped before ${what}: ${refused.message}`);
}

async function waitForBudget(run: RunContext, owner: string, r: BudgetRefusal, message: string, what: string): Promise<never> {
  const currency = env().COST_CURRENCY;
  const proposed = proposedLimit(r);
  const repository = `${run.repository.owner}/${run.repository.name}`;
  await asRequester(run, "run.budget.wait", async (ctx) => {
    const approval = await requestApproval(ctx, {
      kind: BUDGET_RAISE, subjectType: "run", subjectId: run.id, action: `budget_raise:${r.budgetId}`,
      title: `Raise the ${r.scope} budget "${r.budgetName}" from ${formatMoney(r.limitMicros, currency)} to ${formatMoney(proposed, currency)} so a run in ${repository} can go on`,
      proposal: {
        budget: { id: r.budgetId, name: r.budgetName, scope: r.scope, period: r.period, periodKey: r.periodKey },
        currency,
        limit: microsToDecimal(r.limitMicros), spent: microsToDecimal(r.spentMicros), reserved: microsToDecimal(r.reservedMicros),
        needed: microsToDecimal(r.neededMicros), proposedLimit: microsToDecimal(proposed),
        step: what, refusal: message, run: run.id, repository,
      },
      risk: "medium", contextKey: `budget:${r.budgetId}`, place: run.place,
    });
    const wait: BudgetWait = {
      budgetId: r.budgetId, budgetName: r.budgetName, scope: r.scope, period: r.period, periodKey: r.periodKey,
      limitMicros: String(r.limitMicros), spentMicros: String(r.spentMicros), reservedMicros: String(r.reservedMicros),
      neededMicros: String(r.neededMicros), proposedLimitMicros: String(proposed), what, approvalId: approval.id,
    };
    const moved = await transitionRun(ctx.tx, run.id, {
      to: "awaiting_approval", leaseOwner: owner, audit: ctx.audit, cause: `waits for the budget to be raised: ${message}`,
      set: { budgetWait: wait, approvalId: approval.id },
      data: { approval: approval.id, budget: { id: r.budgetId, name: r.budgetName } },
    });
    if (!moved) throw new RunInterrupted("stopped", "the run was stopped while asking for a budget raise");
  });
  throw new RunInterrupted("awaiting_approval", `${what} waits for the ${r.scope} budget "${r.budgetName}" to be raised`);
}
