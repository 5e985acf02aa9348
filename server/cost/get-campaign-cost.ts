// A campaign's spend against its budgets: what its runs cost so far, how many runs were costed, and
// each of its (unarchived) campaign budgets' current period (its life, or the calendar period now).
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { env } from "../env";
import { budgetsDrawn } from "./budgets-drawn";
import type { BudgetPeriodKind } from "./budget-schema";
import { currentPeriod } from "./current-period";
import { big } from "./cost-queries";
import type { CampaignCost } from "./run-cost-view";

export async function getCampaignCost(ctx: OpContext, campaignId: string, now = new Date()): Promise<CampaignCost> {
  const tenantId = ctx.scope.tenant.id;
  const c = await ctx.tx.campaign.findFirst({ where: { id: campaignId, tenantId }, select: { id: true, createdAt: true, launchedAt: true, endedAt: true } });
  if (!c) throw new AppError("not_found", "campaign not found");
  const [runs, budgets] = await Promise.all([
    ctx.tx.$queryRaw<{ runs: number; costed: number; cost: bigint }[]>`
      SELECT count(*)::int AS runs, count(*) FILTER (WHERE "costMicros" > 0)::int AS costed, coalesce(sum("costMicros"), 0)::bigint AS cost
      FROM "Run" WHERE "tenantId" = ${tenantId} AND "campaignId" = ${c.id}`,
    ctx.tx.budget.findMany({
      where: { tenantId, scope: "campaign", campaignId: c.id, archivedAt: null },
      select: { id: true, name: true, scope: true, teamId: true, campaignId: true, mode: true, period: true, limitMicros: true, archivedAt: true },
    }),
  ]);
  const current = budgets.map((b) => {
    const w = currentPeriod(b.period as BudgetPeriodKind, now);
    return w?.startsAt ? { budgetId: b.id, key: w.key, startsAt: w.startsAt, endsAt: w.endsAt } : { budgetId: b.id, key: "life", startsAt: c.launchedAt ?? c.createdAt, endsAt: c.endedAt };
  });
  const rows = current.length
    ? await ctx.tx.budgetPeriod.findMany({ where: { tenantId, OR: current.map((p) => ({ budgetId: p.budgetId, periodKey: p.key })) }, select: { budgetId: true, spentMicros: true, reservedMicros: true, startsAt: true, endsAt: true } })
    : [];
  const row = new Map(rows.map((r) => [r.budgetId, r]));
  // A period no work has reserved against yet is not in the table: nothing spent in it.
  const periods = current.map((p) => {
    const r = row.get(p.budgetId);
    return { id: null, budgetId: p.budgetId, periodKey: p.key, startsAt: r?.startsAt ?? p.startsAt, endsAt: r ? r.endsAt : p.endsAt, spentMicros: r?.spentMicros ?? 0n, reservedMicros: r?.reservedMicros ?? 0n };
  });
  const drawn = await budgetsDrawn(ctx.tx, tenantId, periods, budgets);
  const r = runs[0]!;
  return {
    currency: env().COST_CURRENCY,
    campaignId: c.id,
    costMicros: Number(big(r.cost)),
    runs: r.runs,
    runsCosted: r.costed,
    budgets: drawn.map((b) => ({ ...b, percent: b.limitMicros > 0 ? Math.round((b.spentMicros / b.limitMicros) * 1000) / 10 : 0 })),
  };
}
