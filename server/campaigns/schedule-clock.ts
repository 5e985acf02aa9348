// Where a schedule (schedule-window.ts) stands at an instant: open or not, and when it next opens.
// Wall-clock times are read in the schedule's time zone through Intl, so daylight saving moves
// the windows with the clock, as people expect of "09:00 to 17:00 Europe/Berlin".
import type { Schedule, Window } from "./schedule-window";

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

type Local = { day: number; minute: number; y: number; m: number; d: number };
const formats = new Map<string, Intl.DateTimeFormat>();

function local(at: Date, timezone: string): Local {
  let f = formats.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: timezone, hourCycle: "h23", weekday: "short", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" });
    formats.set(timezone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return { day: DAYS.indexOf(p.weekday!.toLowerCase().slice(0, 3) as (typeof DAYS)[number]), minute: Number(p.hour) * 60 + Number(p.minute), y: Number(p.year), m: Number(p.month), d: Number(p.day) };
}

/** Whether a window covers a local day and minute (a window past midnight covers the next morning for the day it starts). */
function covers(w: Window, day: number, minute: number): boolean {
  const [s, e] = [minutes(w.start), minutes(w.end)];
  const named = (d: number) => w.days.includes(DAYS[(d + 7) % 7]!);
  if (s < e) return named(day) && minute >= s && minute < e;
  return (named(day) && minute >= s) || (named(day - 1) && minute < e);
}

export function isOpenAt(s: Schedule, at: Date): boolean {
  const l = local(at, s.timezone);
  return s.windows.some((w) => covers(w, l.day, l.minute));
}

/**
 * The first minute at or after `at` when the schedule is open (null if none within eight days, which
 * a valid schedule never answers). Walks whole minutes, jumping to the next window start or day.
 */
export function nextOpening(s: Schedule, at: Date): Date | null {
  let t = Math.ceil(at.getTime() / 60_000) * 60_000;
  const end = t + 8 * 24 * 60 * 60_000;
  const starts = [...new Set(s.windows.map((w) => minutes(w.start)))].sort((a, b) => a - b);
  while (t <= end) {
    const l = local(new Date(t), s.timezone);
    if (s.windows.some((w) => covers(w, l.day, l.minute))) return new Date(t);
    // Ahead to the next window start today, or to midnight; an offset change is caught by re-reading the clock.
    const next = starts.find((m) => m > l.minute) ?? 24 * 60;
    t += Math.max(1, next - l.minute) * 60_000;
  }
  return null;
}

/** "2026-12-14 09:00 Europe/Berlin". */
export function localLabel(at: Date, timezone: string): string {
  const l = local(at, timezone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${l.y}-${two(l.m)}-${two(l.d)} ${two(Math.floor(l.minute / 60))}:${two(l.minute % 60)} ${timezone}`;
}
