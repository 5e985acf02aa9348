// Each active budget's current period as a burn-down (tenant, team and campaign budgets: the spend
// recorded in the budget's scope by day, against its limit, projected to the period's end), and the
// per-run budgets as how many runs of the range drew on them, were stopped by them or wait for them.
import type { Tx } from "../db/client";
import { burnDown } from "./burn-down";
import type { BudgetPeriodKind } from "./budget-schema";
import { addDays, dayOf, startOfDay } from "./cost-days";
import { big } from "./cost-queries";
import type { BudgetBurn, RunBudget } from "./cost-view";
import { currentPeriod } from "./current-period";

type Period = { key: string; startsAt: Date; endsAt: Date | null };

export async function budgetBurns(tx: Tx, tenantId: string, now: Date, only?: string): Promise<BudgetBurn[]> {
  const budgets = await tx.budget.findMany({
    where: { tenantId, archivedAt: null, scope: { in: ["tenant", "team", "campaign"] }, period: { not: "run" }, ...(only ? { id: only } : {}) },
    orderBy: { name: "asc" },
  });
  if (!budgets.length) return [];
  const [teams, campaigns] = await Promise.all([
    tx.team.findMany({ where: { tenantId, id: { in: budgets.flatMap((b) => (b.teamId ? [b.teamId] : [])) } }, select: { id: true, name: true } }),
    tx.campaign.findMany({ where: { tenantId, id: { in: budgets.flatMap((b) => (b.campaignId ? [b.campaignId] : [])) } }, select: { id: true, name: true, createdAt: true, launchedAt: true, endedAt: true } }),
  ]);
  const campaign = new Map(campaigns.map((c) => [c.id, c]));
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const periods = budgets.map((b): Period => {
    const w = currentPeriod(b.period as BudgetPeriodKind, now);
    if (w?.startsAt) return { key: w.key, startsAt: w.startsAt, endsAt: w.endsAt };
    // A campaign's life: from its launch (or creation) to its end, open while it runs.
    const c = b.campaignId ? campaign.get(b.campaignId) : undefined;
    return { key: "life", startsAt: c ? c.launchedAt ?? c.createdAt : b.createdAt, endsAt: c?.endedAt ?? null };
  });
  const today = dayOf(now);
  const lastDay = (p: Period) => (p.endsAt && p.endsAt <= now ? dayOf(new Date(p.endsAt.getTime() - 1)) : today);
  const [daily, own] = await Promise.all([
    // One branch per scope, so each reads the rollups by its own index (a campaign's by its id).
    tx.$queryRaw<{ id: string; day: string; cost: bigint }[]>`
      WITH x AS (
        SELECT * FROM unnest(${budgets.map((b) => b.id)}::text[], ${budgets.map((b) => b.scope)}::text[], ${budgets.map((b) => b.teamId ?? "")}::text[],
                             ${budgets.map((b) => b.campaignId ?? "")}::text[], ${periods.map((p) => dayOf(p.startsAt))}::date[], ${periods.map(lastDay)}::date[]) AS x(id, scope, team, camp, s, e))
      SELECT x.id, to_char(d.day, 'YYYY-MM-DD') AS day, sum(d."costMicros")::bigint AS cost
      FROM x JOIN "CostDaily" d ON d."tenantId" = ${tenantId} AND d.day BETWEEN x.s AND x.e WHERE x.scope = 'tenant' GROUP BY 1, 2
      UNION ALL
      SELECT x.id, to_char(d.day, 'YYYY-MM-DD'), sum(d."costMicros")::bigint
      FROM x JOIN "CostDaily" d ON d."tenantId" = ${tenantId} AND d.day BETWEEN x.s AND x.e AND d."teamId" = x.team WHERE x.scope = 'team' GROUP BY 1, 2
      UNION ALL
      SELECT x.id, to_char(d.day, 'YYYY-MM-DD'), sum(d."costMicros")::bigint
      FROM x JOIN "CostDaily" d ON d."tenantId" = ${tenantId} AND d."campaignId" = x.camp AND d.day BETWEEN x.s AND x.e WHERE x.scope = 'campaign' GROUP BY 1, 2`,
    tx.budgetPeriod.findMany({
      where: { tenantId, OR: budgets.map((b, i) => ({ budgetId: b.id, periodKey: periods[i]!.key })) },
      select: { budgetId: true, spentMicros: true, reservedMicros: true },
    }),
  ]);
  const ownOf = new Map(own.map((p) => [p.budgetId, p]));
  return budgets.map((b, i) => {
    const p = periods[i]!;
    const burn = burnDown({
      startsAt: p.startsAt, endsAt: p.endsAt, now, limitMicros: b.limitMicros,
      daily: new Map(daily.filter((r) => r.id === b.id).map((r) => [r.day, big(r.cost)])),
    });
    const target = b.scope === "team" ? teamName.get(b.teamId ?? "") ?? b.teamId : b.scope === "campaign" ? campaign.get(b.campaignId ?? "")?.name ?? b.campaignId : null;
    return {
      id: b.id, name: b.name, scope: b.scope as BudgetBurn["scope"], target, mode: b.mode, period: b.period, limitMicros: Number(b.limitMicros),
      periodKey: p.key, startsAt: p.startsAt.toISOString(), endsAt: p.endsAt?.toISOString() ?? null,
      spentMicros: Number(burn.spentMicros),
      budgetSpentMicros: Number(ownOf.get(b.id)?.spentMicros ?? 0n), budgetReservedMicros: Number(ownOf.get(b.id)?.reservedMicros ?? 0n),
      dailyRateMicros: Number(burn.dailyRateMicros),
      projectedEndMicros: burn.projectedEndMicros === null ? null : Number(burn.projectedEndMicros),
      runsOutAt: burn.runsOutAt?.toISOString() ?? null, exhaustedOn: burn.exhaustedOn, status: burn.status,
      points: burn.points.map((pt) => ({ day: pt.day, spentMicros: pt.spentMicros === null ? null : Number(pt.spentMicros), projectedMicros: pt.projectedMicros === null ? null : Number(pt.projectedMicros) })),
    };
  });
}

/**
 * Per-run budgets over the range: runs whose period opened in it (they drew on the budget), runs
 * that finished in it stopped by it (budget_exhausted, the message naming it), and runs waiting for
 * it now (Run.budgetWait).
 */
export async function runBudgets(tx: Tx, tenantId: string, range: { from: string; to: string }): Promise<RunBudget[]> {
  const a = startOfDay(range.from);
  const z = startOfDay(addDays(range.to, 1));
  const rows = await tx.$queryRaw<{ id: string; name: string; mode: string; limitMicros: bigint; onExhausted: string; runs: number; stopped: number; waiting: number }[]>`
    SELECT b.id, b.name, b.mode, b."limitMicros", b."onExhausted",
      (SELECT count(*)::int FROM "BudgetPeriod" bp WHERE bp."tenantId" = b."tenantId" AND bp."budgetId" = b.id AND bp."startsAt" >= ${a} AND bp."startsAt" < ${z}) AS runs,
      (SELECT count(*)::int FROM "Run" r WHERE r."tenantId" = b."tenantId" AND r."failureClass" = 'budget_exhausted' AND r."finishedAt" >= ${a} AND r."finishedAt" < ${z}
         AND (strpos(coalesce(r."failureMessage", ''), 'budget "' || b.name || '"') > 0 OR r."budgetWait"->>'budgetId' = b.id)) AS stopped,
      (SELECT count(*)::int FROM "Run" r WHERE r."tenantId" = b."tenantId" AND r."finishedAt" IS NULL AND r."budgetWait"->>'budgetId' = b.id) AS waiting
    FROM "Budget" b
    WHERE b."tenantId" = ${tenantId} AND b."archivedAt" IS NULL AND b.scope = 'run'
    ORDER BY b.name`;
  return rows.map((r) => ({ id: r.id, name: r.name, mode: r.mode, limitMicros: Number(r.limitMicros), onExhausted: r.onExhausted, runs: r.runs, stopped: r.stopped, waiting: r.waiting }));
}
