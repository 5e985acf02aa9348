// One budget with its record: the changes made to it (its audit events, newest first: who changed
// what, from what to what) and its latest periods' spend.
import type { OpContext } from "../core/op-context";
import { env } from "../env";
import { budgetNotFound } from "./find-budget";
import { periodView } from "./budget-view";
import { HISTORY_SHOWN, PERIODS_SHOWN, type BudgetDetailView } from "./budget-schema";
import { budgetViews } from "./budget-views";

export async function getBudget(ctx: OpContext, id: string): Promise<BudgetDetailView> {
  const tenantId = ctx.scope.tenant.id;
  const row = await ctx.tx.budget.findFirst({ where: { id, tenantId } });
  if (!row) throw budgetNotFound();
  const [view, events, periods] = await Promise.all([
    budgetViews(ctx, [row]),
    ctx.tx.auditEvent.findMany({
      where: { tenantId, resourceType: "budget", resourceId: row.id }, orderBy: { seq: "desc" }, take: HISTORY_SHOWN,
      select: { seq: true, createdAt: true, actorLabel: true, action: true, before: true, after: true },
    }),
    ctx.tx.budgetPeriod.findMany({ where: { tenantId, budgetId: row.id }, orderBy: { startsAt: "desc" }, take: PERIODS_SHOWN }),
  ]);
  const currency = env().COST_CURRENCY;
  return {
    ...view[0]!,
    history: events.map((e) => ({ seq: Number(e.seq), at: e.createdAt.toISOString(), actorLabel: e.actorLabel, action: e.action, before: e.before, after: e.after })),
    periods: periods.map((p) => periodView(row.limitMicros, p, currency)),
  };
}
