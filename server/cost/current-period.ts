// The period of a budget that `at` falls in, computed as budget-periods.ts's SQL computes it (so a
// budget shows the row reservations open): UTC calendar days, weeks from Monday and months; one
// period for a campaign's life; none of its own for a run budget, whose periods are the runs.
import type { BudgetPeriodKind } from "./budget-schema";

export type PeriodWindow = { key: string; startsAt: Date | null; endsAt: Date | null };

const DAY_MS = 86_400_000;
const ymd = (d: Date) => d.toISOString().slice(0, 10);

export function currentPeriod(period: BudgetPeriodKind, at: Date): PeriodWindow | null {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  switch (period) {
    case "day":
      return { key: ymd(day), startsAt: day, endsAt: new Date(day.getTime() + DAY_MS) };
    case "week": {
      const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
      return { key: ymd(monday), startsAt: monday, endsAt: new Date(monday.getTime() + 7 * DAY_MS) };
    }
    case "month": {
      const first = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
      return { key: ymd(first), startsAt: first, endsAt: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1)) };
    }
    case "campaign":
      return { key: "life", startsAt: null, endsAt: null };
    case "run":
      return null;
  }
}
