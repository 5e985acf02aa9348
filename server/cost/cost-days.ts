// UTC days for the cost screens: the dashboard's range, and the calendar period of a budget that
// holds a moment (the same periods budget-periods.ts opens: a week starts on Monday). Pure.
import type { CostRange } from "./cost-filter";

export const DAY_MS = 86_400_000;

/** "2026-12-11" for any moment of that UTC day. */
export const dayOf = (d: Date): string => d.toISOString().slice(0, 10);
export const startOfDay = (day: string): Date => new Date(`${day}T00:00:00Z`);
export const addDays = (day: string, n: number): string => dayOf(new Date(startOfDay(day).getTime() + n * DAY_MS));

/** Every day from `from` to `to`, both included. */
export function daysFrom(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The dashboard's days: from and to when given, else the preset ending today (UTC). */
export function rangeDays(f: { range: CostRange; from?: string; to?: string }, now: Date): { from: string; to: string } {
  if (f.from && f.to) return { from: f.from, to: f.to };
  const today = dayOf(now);
  const firstOfMonth = `${today.slice(0, 8)}01`;
  switch (f.range) {
    case "7d": return { from: addDays(today, -6), to: today };
    case "30d": return { from: addDays(today, -29), to: today };
    case "90d": return { from: addDays(today, -89), to: today };
    case "month": return { from: firstOfMonth, to: today };
    case "last_month": {
      const to = addDays(firstOfMonth, -1);
      return { from: `${to.slice(0, 8)}01`, to };
    }
  }
}

/** The calendar period of a day, week or month budget that holds `at`: its key (its first day), start and end. */
export function calendarPeriod(period: "day" | "week" | "month", at: Date): { key: string; startsAt: Date; endsAt: Date } {
  const today = dayOf(at);
  if (period === "day") return { key: today, startsAt: startOfDay(today), endsAt: startOfDay(addDays(today, 1)) };
  if (period === "week") {
    const monday = addDays(today, -((startOfDay(today).getUTCDay() + 6) % 7));
    return { key: monday, startsAt: startOfDay(monday), endsAt: startOfDay(addDays(monday, 7)) };
  }
  const first = `${today.slice(0, 8)}01`;
  const d = startOfDay(first);
  const next = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  return { key: first, startsAt: d, endsAt: next };
}

export const isCalendarPeriod = (p: string): p is "day" | "week" | "month" => p === "day" || p === "week" || p === "month";
