// The tenant's budgets, the active ones first (by name), then the archived, each with its current
// period's spend.
import type { OpContext } from "../core/op-context";
import { env } from "../env";
import type { BudgetView } from "./budget-schema";
import { budgetViews } from "./budget-views";

/** Budgets are made by hand: a tenant with more than this has a problem no list solves. */
export const MAX_BUDGETS_LISTED = 1_000;

export async function listBudgets(ctx: OpContext, now: Date = new Date()): Promise<{ currency: string; budgets: BudgetView[] }> {
  const rows = await ctx.tx.budget.findMany({
    where: { tenantId: ctx.scope.tenant.id },
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { name: "asc" }],
    take: MAX_BUDGETS_LISTED,
  });
  return { currency: env().COST_CURRENCY, budgets: await budgetViews(ctx, rows, now) };
}
