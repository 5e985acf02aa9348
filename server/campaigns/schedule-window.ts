// Schedule windows: days of the week and a time of day range, in an IANA time zone. A window whose
// end is before its start runs overnight (into the next day); one that starts and ends at the same
// time, or names no day, never opens and is refused.
export type Window = { days: readonly string[]; start: string; end: string };
export type Schedule = { timezone: string; windows: readonly Window[] };

export function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** Minutes a window is open on each day it names. */
export const windowMinutes = (w: Window) => {
  const d = minutes(w.end) - minutes(w.start);
  return d >= 0 ? d : d + 24 * 60;
};

export function windowProblem(w: Window): string | null {
  if (w.days.length === 0) return "a window with no day never opens";
  if (new Set(w.days).size !== w.days.length) return "each day once";
  if (minutes(w.start) === minutes(w.end)) return `a window from ${w.start} to ${w.end} never opens`;
  return null;
}

/**
 * The week the schedule leaves open: days with at least one window (a window past midnight counts
 * for the day it starts), and the open minutes of an open day on average. No schedule: every day, all day.
 */
export function openWeek(s: Schedule | undefined): { daysPerWeek: number; minutesPerDay: number } {
  if (!s) return { daysPerWeek: 7, minutesPerDay: 24 * 60 };
  const perDay = new Map<string, number>();
  for (const w of s.windows) for (const d of w.days) perDay.set(d, Math.min(24 * 60, (perDay.get(d) ?? 0) + windowMinutes(w)));
  const total = [...perDay.values()].reduce((a, b) => a + b, 0);
  return { daysPerWeek: perDay.size, minutesPerDay: perDay.size ? Math.round(total / perDay.size) : 0 };
}
