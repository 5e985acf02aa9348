// The cost dashboard: spend over the range by day, stacked by the chosen dimension; cost per run, per
// succeeded run and per merged PR; the top teams, repositories, campaigns and runs; each budget's
// burn-down and the per-run budgets. Each part is its own function, so a CSV download builds exactly
// the table behind its chart and nothing else.
import type { OpContext } from "../core/op-context";
import { env } from "../env";
import { budgetBurns, runBudgets } from "./budget-burns";
import { daysFrom, rangeDays } from "./cost-days";
import type { CostFilter, CostGroup } from "./cost-filter";
import { keyLabel, loadNames } from "./cost-labels";
import { big, finishedRuns, mergedCosts, spendByDay, spendTotals, type CostScope, type TopRunRow } from "./cost-queries";
import type { CostDashboard, SpendChart, Top, TopRun, UnitCosts } from "./cost-view";
import { chooseSeries, OTHER, shareOf, spendPoints } from "./spend-series";

export const TOP_ROWS = 10;

/** The filters as a scope of ids within the tenant: a team slug it does not have matches nothing. */
export async function costScope(ctx: OpContext, f: CostFilter, now: Date): Promise<CostScope> {
  const tenantId = ctx.scope.tenant.id;
  const teamId = f.team ? (await ctx.tx.team.findFirst({ where: { tenantId, slug: f.team }, select: { id: true } }))?.id ?? null : undefined;
  return { tenantId, ...rangeDays(f, now), teamId, campaignId: f.campaign, repositoryId: f.repository, taskClass: f.taskClass, model: f.model };
}

export async function getCostDashboard(ctx: OpContext, f: CostFilter, now = new Date()): Promise<CostDashboard> {
  const s = await costScope(ctx, f, now);
  const [spend, runs, budgets, perRun] = await Promise.all([
    spendPart(ctx, s, f.groupBy),
    runsPart(ctx, s, Boolean(f.model)),
    budgetBurns(ctx.tx, s.tenantId, now),
    runBudgets(ctx.tx, s.tenantId, s),
  ]);
  return {
    currency: env().COST_CURRENCY, from: s.from, to: s.to,
    total: spend.total, spend: spend.chart, unitCosts: runs.unitCosts, top: { ...spend.top, runs: runs.top }, budgets, runBudgets: perRun,
  };
}

/** Spend per day by the grouping (top series and "other"), the range's total, and the top teams, repositories and campaigns. */
export async function spendPart(ctx: OpContext, s: CostScope, groupBy: CostGroup) {
  const totals = await spendTotals(ctx.tx, s, groupBy);
  const { shown, other } = chooseSeries(totals.by.group);
  const top = (d: "team" | "repository" | "campaign") => [...totals.by[d]].filter((r) => r.costMicros > 0n).sort((a, b) => (b.costMicros > a.costMicros ? 1 : b.costMicros < a.costMicros ? -1 : a.key.localeCompare(b.key))).slice(0, TOP_ROWS);
  const tops = { team: top("team"), repository: top("repository"), campaign: top("campaign") };
  const named = (d: "team" | "repository" | "campaign") => [...tops[d].map((r) => r.key), ...(groupBy === d ? shown : [])];
  const [rows, names] = await Promise.all([
    shown.length ? spendByDay(ctx.tx, s, groupBy, shown) : [],
    loadNames(ctx.tx, s.tenantId, { team: named("team"), repository: named("repository"), campaign: named("campaign") }),
  ]);
  const keys = [...shown, ...(other ? [OTHER] : [])];
  const groupTotal = new Map(totals.by.group.map((t) => [t.key, t.costMicros]));
  const otherTotal = totals.all.costMicros - shown.reduce((a, k) => a + (groupTotal.get(k) ?? 0n), 0n);
  const points = spendPoints(daysFrom(s.from, s.to), keys, rows.map((r) => ({ day: r.day, key: r.key, costMicros: big(r.cost) })));
  const chart: SpendChart = {
    groupBy,
    series: keys.map((k) => ({
      key: k,
      label: k === OTHER ? `Others (${totals.by.group.filter((t) => t.costMicros > 0n).length - shown.length})` : keyLabel(groupBy, k, names),
      costMicros: Number(k === OTHER ? otherTotal : groupTotal.get(k) ?? 0n),
    })),
    points: points.map((p) => ({ day: p.day, values: Object.fromEntries([...p.values].map(([k, v]) => [k, Number(v)])) })),
  };
  const asTop = (d: "team" | "repository" | "campaign"): Top => ({
    totalMicros: Number(totals.all.costMicros),
    rows: tops[d].map((r) => ({ key: r.key, label: keyLabel(d, r.key, names), costMicros: Number(r.costMicros), share: shareOf(r.costMicros, totals.all.costMicros) })),
  });
  return {
    total: { costMicros: Number(totals.all.costMicros), entries: totals.all.entries, inputTokens: totals.all.inputTokens, outputTokens: totals.all.outputTokens },
    chart,
    top: { teams: asTop("team"), repositories: asTop("repository"), campaigns: asTop("campaign") },
  };
}

// An average, rounded to the nearest micro-unit.
const per = (count: number, cost: bigint) => ({ count, costMicros: Number(cost), perItemMicros: count ? Number((2n * cost + BigInt(count)) / (2n * BigInt(count))) : null });

/**
 * Cost per run and per succeeded run (runs that finished in the range), per PR merged in it, and
 * the costliest runs that finished in it.
 */
export async function runsPart(ctx: OpContext, s: CostScope, modelFilter: boolean): Promise<{ unitCosts: UnitCosts; top: TopRun[] }> {
  const [runs, merged] = await Promise.all([finishedRuns(ctx.tx, s, TOP_ROWS), mergedCosts(ctx.tx, s)]);
  const top = (typeof runs.top === "string" ? JSON.parse(runs.top) : runs.top) as TopRunRow[];
  return {
    unitCosts: {
      runs: per(runs.runs, big(runs.cost)),
      succeeded: per(runs.succeeded, big(runs.succeededCost)),
      mergedPrs: per(merged.n, big(merged.cost)),
      modelFilterIgnored: modelFilter,
    },
    top: top.map((r) => ({
      runId: r.id, repository: r.repository ?? "(removed repository)", taskClass: r.taskClass, state: r.state, finishedAt: r.finishedAt, costMicros: Number(big(r.cost)),
    })),
  };
}
