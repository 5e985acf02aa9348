// Changes a budget's name, limit, thresholds, mode or what a hard one does when exhausted. Its
// scope, target and period are what its spend was counted against, so they stay; the current
// period keeps what it has spent and reserved, now measured against the new limit.
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { SOFT_CANNOT_SAY, type UpdateBudgetInput } from "./budget-input";
import { budgetAuditShape } from "./budget-view";
import { type BudgetView } from "./budget-schema";
import { budgetViews } from "./budget-views";
import { checkCurrency, fieldError } from "./field-error";
import { checkNameFree, lockBudget } from "./find-budget";

export async function updateBudget(ctx: OpContext, id: string, input: UpdateBudgetInput): Promise<BudgetView> {
  const current = await lockBudget(ctx, id);
  if (current.archivedAt) throw new AppError("conflict", `the budget "${current.name}" is archived: it can no longer be changed`);
  checkCurrency(input.currency);
  const mode = input.mode ?? current.mode;
  if (mode === "soft" && input.onExhausted !== undefined) throw fieldError("body.onExhausted", SOFT_CANNOT_SAY);
  if (input.name !== undefined && input.name !== current.name) {
    await ctx.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`budgets:${current.tenantId}`}))`;
    await checkNameFree(ctx, input.name, current.id);
  }
  const row = await ctx.tx.budget.update({
    where: { id: current.id },
    data: {
      name: input.name, mode: input.mode, onExhausted: input.onExhausted,
      limitMicros: input.limitMicros === undefined ? undefined : BigInt(input.limitMicros),
      thresholds: input.thresholds === undefined ? undefined : [...input.thresholds].sort((a, b) => a - b),
    },
  });
  const before = budgetAuditShape(current);
  const after = budgetAuditShape(row);
  const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  await ctx.audit({
    action: "budget.update", resourceType: "budget", resourceId: row.id,
    before: { name: current.name, ...Object.fromEntries(changed.map((k) => [k, before[k]])) },
    after: { name: row.name, ...Object.fromEntries(changed.map((k) => [k, after[k]])) },
  });
  return (await budgetViews(ctx, [row]))[0]!;
}
