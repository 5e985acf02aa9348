// What the API and the console show of a budget: its rules, and its current period's spend (read
// from the period row reservations keep; a period nothing has drawn on yet shows nothing spent).
import type { Budget, BudgetPeriod } from "../db/generated/client";
import type { BudgetPeriodKind, BudgetPeriodView, BudgetView } from "./budget-schema";
import { currentPeriod } from "./current-period";
import { formatMoney } from "./money";

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
