// UTC days for the cost screens: the dashboard's range and the days of a period. Pure.
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
