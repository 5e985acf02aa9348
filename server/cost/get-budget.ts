// One budget with its record: the changes made to it (its audit events, newest first: who changed
// what, from what to what) and its latest periods' spend.
import { z } from "zod";
import type { OpContext } from "../core/op-context";
import { env } from "../env";
import { budgetNotFound } from "./find-budget";
import { periodView, ZBudget, ZBudgetPeriod } from "./budget-view";
import { budgetViews } from "./budget-views";

export const HISTORY_SHOWN = 100;
export const PERIODS_SHOWN = 12;

export const ZBudgetChange = z.object({
  seq: z.number().int().describe("the audit event's number in the tenant's chain"),
  at: z.string(),
  actorLabel: z.string().nullable(),
  action: z.string().describe("budget.create, budget.update or budget.archive"),
  before: z.unknown(),
  after: z.unknown(),
});

export const ZBudgetDetail = ZBudget.extend({
  history: z.array(ZBudgetChange).describe(`its changes, newest first (the latest ${HISTORY_SHOWN})`),
  periods: z.array(ZBudgetPeriod).describe(`its periods, newest first (the latest ${PERIODS_SHOWN}; a run budget's are its runs)`),
});
export type BudgetDetailView = z.infer<typeof ZBudgetDetail>;

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
