// What the cost dashboard answers. Amounts are integer micro-units of the platform's one currency
// (named ...Micros, as JSON numbers); the browser formats them with formatMoney (money.ts). A schema
// file with no logic: contracts and the browser load it.
import { z } from "zod";
import { COST_GROUPS } from "./cost-filter";

export const ZMicros = z.number().int().min(0).max(1e15);
const count = z.number().int().min(0);

/** A spend chart's series (the top ones, then "other") over the days of the range. */
export const ZSpendChart = z.object({
  groupBy: z.enum(COST_GROUPS),
  series: z.array(z.object({ key: z.string(), label: z.string(), costMicros: ZMicros })),
  /** One point per day; values[key] is that day's spend in the series. */
  points: z.array(z.object({ day: z.string(), values: z.record(z.string(), ZMicros) })),
});
export type SpendChart = z.infer<typeof ZSpendChart>;

const ZPer = z.object({ count, costMicros: ZMicros, perItemMicros: ZMicros.nullable() });
/** Cost per run (runs that finished in the range, by finishedAt), per succeeded run, and per merged PR (changesets merged in the range, the cost of their run). */
export const ZUnitCosts = z.object({
  runs: ZPer,
  succeeded: ZPer,
  mergedPrs: ZPer,
  /** A run's cost is not split by model: with a model filter these count whole runs, unfiltered by it. */
  modelFilterIgnored: z.boolean(),
});
export type UnitCosts = z.infer<typeof ZUnitCosts>;

export const ZTopRow = z.object({ key: z.string(), label: z.string(), costMicros: ZMicros, share: z.number().min(0).max(1) });
export const ZTop = z.object({ rows: z.array(ZTopRow), totalMicros: ZMicros });
export type Top = z.infer<typeof ZTop>;
export const ZTopRun = z.object({ runId: z.string(), repository: z.string(), taskClass: z.string(), state: z.string(), finishedAt: z.string(), costMicros: ZMicros });
export type TopRun = z.infer<typeof ZTopRun>;

/** A day-by-day burn-down of a budget's current period: spent by the end of each day so far, then projected. */
export const ZBurnPoint = z.object({ day: z.string(), spentMicros: ZMicros.nullable(), projectedMicros: ZMicros.nullable() });
export const ZBudgetBurn = z.object({
  id: z.string(), name: z.string(), scope: z.enum(["tenant", "team", "campaign"]), target: z.string().nullable(),
  mode: z.string(), period: z.string(), limitMicros: ZMicros,
  periodKey: z.string(), startsAt: z.string(), endsAt: z.string().nullable(),
  /** Recorded in the budget's scope since the period began (the curve's last point). */
  spentMicros: ZMicros,
  /** The budget's own count, which a hard budget checks: settled, and held by work in flight. */
  budgetSpentMicros: ZMicros, budgetReservedMicros: ZMicros,
  /** The current daily rate: the spend of the last days (up to 7, today's elapsed part counted as such) per day. */
  dailyRateMicros: ZMicros,
  /** At that rate, spent by the period's end (null: the period has no end). */
  projectedEndMicros: ZMicros.nullable(),
  /** When the limit would be reached at that rate; null when not before the period ends (or nothing is spent). */
  runsOutAt: z.string().nullable(),
  /** The day the spend reached the limit, when it has. */
  exhaustedOn: z.string().nullable(),
  status: z.enum(["within", "projected_over", "exhausted"]),
  points: z.array(ZBurnPoint),
});
export type BudgetBurn = z.infer<typeof ZBudgetBurn>;

/** A per-run budget in the range: runs that drew on it, runs it stopped, runs waiting for it now. */
export const ZRunBudget = z.object({
  id: z.string(), name: z.string(), mode: z.string(), limitMicros: ZMicros, onExhausted: z.string(),
  runs: count, stopped: count, waiting: count,
});
export type RunBudget = z.infer<typeof ZRunBudget>;

export const ZCostDashboard = z.object({
  currency: z.string(),
  /** The range in UTC days, both included. */
  from: z.string(), to: z.string(),
  total: z.object({ costMicros: ZMicros, entries: count, inputTokens: count, outputTokens: count }),
  spend: ZSpendChart,
  unitCosts: ZUnitCosts,
  top: z.object({ teams: ZTop, repositories: ZTop, campaigns: ZTop, runs: z.array(ZTopRun) }),
  /** Each active budget's current period (tenant, team and campaign budgets); not narrowed by the filters. */
  budgets: z.array(ZBudgetBurn),
  runBudgets: z.array(ZRunBudget),
});
export type CostDashboard = z.infer<typeof ZCostDashboard>;
