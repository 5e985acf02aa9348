// What the API and the console show of a budget: its rules, and its current period's spend (read
// from the period row reservations keep; a period nothing has drawn on yet shows nothing spent).
import { z } from "zod";
import type { Budget, BudgetPeriod } from "../db/generated/client";
import { BUDGET_PERIODS, BUDGET_SCOPES, type BudgetPeriodKind } from "./budget-periods";
import { currentPeriod } from "./current-period";
import { formatMoney } from "./money";

const ZAmount = z.number().int();

export const ZBudgetPeriod = z.object({
  periodKey: z.string().describe("the period's day, week's Monday or month's first day (YYYY-MM-DD), or life for a campaign's"),
  startsAt: z.string().nullable().describe("null: a campaign's life before anything was spent"),
  endsAt: z.string().nullable().describe("null: the campaign's life has no set end"),
  spentMicros: ZAmount,
  reservedMicros: ZAmount.describe("held by work in progress (its worst case), settled or released when it ends"),
  remainingMicros: ZAmount.describe("limit - spent - reserved, never below 0"),
  percent: z.number().describe("spent as a percentage of the limit, one decimal (may pass 100 for a soft budget)"),
  text: z.object({ spent: z.string(), reserved: z.string(), remaining: z.string() }),
});
export type BudgetPeriodView = z.infer<typeof ZBudgetPeriod>;

export const ZBudget = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(BUDGET_SCOPES),
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  campaign: z.object({ id: z.string(), name: z.string() }).nullable(),
  mode: z.enum(["soft", "hard"]),
  period: z.enum(BUDGET_PERIODS),
  limitMicros: ZAmount,
  limitText: z.string(),
  currency: z.string(),
  thresholds: z.array(z.number().int()),
  onExhausted: z.enum(["fail", "approval"]).nullable().describe("hard budgets only (null for a soft one)"),
  current: ZBudgetPeriod.nullable().describe("the period now (null for a run budget: each run is a period of its own)"),
  archivedAt: z.string().nullable(),
  createdByLabel: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BudgetView = z.infer<typeof ZBudget>;

type Named = { id: string; name: string };
export type BudgetRow = Budget & { team: Named | null; campaign: Named | null };

export function periodView(limit: bigint, p: Pick<BudgetPeriod, "periodKey" | "spentMicros" | "reservedMicros"> & { startsAt: Date | null; endsAt: Date | null }, currency: string): BudgetPeriodView {
  const left = limit - p.spentMicros - p.reservedMicros;
  const remaining = left > 0n ? left : 0n;
  return {
    periodKey: p.periodKey, startsAt: p.startsAt?.toISOString() ?? null, endsAt: p.endsAt?.toISOString() ?? null,
    spentMicros: Number(p.spentMicros), reservedMicros: Number(p.reservedMicros), remainingMicros: Number(remaining),
    percent: Number((p.spentMicros * 1000n) / limit) / 10,
    text: { spent: formatMoney(p.spentMicros, currency), reserved: formatMoney(p.reservedMicros, currency), remaining: formatMoney(remaining, currency) },
  };
}

/** The budget with the period now: its row when one was opened, else the same period with nothing spent. */
export function budgetView(b: BudgetRow, row: BudgetPeriod | undefined, currency: string, now: Date): BudgetView {
  const window = currentPeriod(b.period as BudgetPeriodKind, now);
  const current = window === null ? null : periodView(b.limitMicros, row ?? { ...window, spentMicros: 0n, reservedMicros: 0n, periodKey: window.key }, currency);
  return {
    id: b.id, name: b.name, scope: b.scope as BudgetView["scope"], team: b.team, campaign: b.campaign,
    mode: b.mode as BudgetView["mode"], period: b.period as BudgetView["period"],
    limitMicros: Number(b.limitMicros), limitText: formatMoney(b.limitMicros, currency), currency, thresholds: b.thresholds,
    onExhausted: b.mode === "hard" ? (b.onExhausted as "fail" | "approval") : null, current,
    archivedAt: b.archivedAt?.toISOString() ?? null, createdByLabel: b.createdByLabel, createdAt: b.createdAt.toISOString(), updatedAt: b.updatedAt.toISOString(),
  };
}

/** The audit event's shape of a budget: its rules. */
export const budgetAuditShape = (b: Budget) => ({
  name: b.name, scope: b.scope, teamId: b.teamId, campaignId: b.campaignId, mode: b.mode, limitMicros: Number(b.limitMicros),
  period: b.period, thresholds: b.thresholds, onExhausted: b.onExhausted,
});
