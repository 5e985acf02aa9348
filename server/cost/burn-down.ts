// A budget period's burn-down: what was spent by the end of each day so far, the current daily rate,
// the spend it projects to the period's end, and when the limit would run out. Pure: amounts in
// micro-units (bigint) in, micro-units out; only the projection (a forecast, not money owed) uses
// floating point, rounded to whole micro-units.
import { addDays, DAY_MS, dayOf, daysFrom, startOfDay } from "./cost-days";

/** The rate looks back this many days (today's elapsed part included). */
export const RATE_WINDOW_DAYS = 7;
/** How far an open-ended period (a campaign's life) is drawn past today. */
export const OPEN_HORIZON_DAYS = 30;
// Early in a window, a few minutes of spend would project absurdly: count at least an hour.
const MIN_WINDOW_DAYS = 1 / 24;

export type BurnInput = {
  startsAt: Date;
  /** null: open-ended. */
  endsAt: Date | null;
  now: Date;
  limitMicros: bigint;
  /** Spend per UTC day within the period (days without spend may be missing). */
  daily: ReadonlyMap<string, bigint>;
};

export type Burn = {
  points: { day: string; spentMicros: bigint | null; projectedMicros: bigint | null }[];
  spentMicros: bigint;
  dailyRateMicros: bigint;
  projectedEndMicros: bigint | null;
  runsOutAt: Date | null;
  exhaustedOn: string | null;
  status: "within" | "projected_over" | "exhausted";
};

export function burnDown(i: BurnInput): Burn {
  const ended = i.endsAt !== null && i.endsAt.getTime() <= i.now.getTime();
  const first = dayOf(i.startsAt);
  const lastDay = i.endsAt ? dayOf(new Date(i.endsAt.getTime() - 1)) : addDays(dayOf(i.now), OPEN_HORIZON_DAYS);
  const today = ended ? lastDay : dayOf(i.now);
  const at = ended ? i.endsAt! : i.now;
  const days = daysFrom(first, lastDay);

  let running = 0n;
  let exhaustedOn: string | null = null;
  const cumulative = new Map<string, bigint>();
  for (const d of days) {
    if (d > today) break;
    running += i.daily.get(d) ?? 0n;
    cumulative.set(d, running);
    if (exhaustedOn === null && i.limitMicros > 0n && running >= i.limitMicros) exhaustedOn = d;
  }
  const spent = running;
  const rate = ended ? 0 : dailyRate(i, first, today);
  const projectAt = (t: Date) => spent + BigInt(Math.round((rate * Math.max(0, t.getTime() - at.getTime())) / DAY_MS));
  const endOf = (d: string) => {
    const end = startOfDay(addDays(d, 1));
    return i.endsAt && i.endsAt < end ? i.endsAt : end;
  };

  let runsOutAt: Date | null = null;
  if (!ended && exhaustedOn === null && rate > 0) {
    const t = new Date(at.getTime() + Math.ceil((Number(i.limitMicros - spent) / rate) * DAY_MS));
    if (!i.endsAt || t < i.endsAt) runsOutAt = t;
  }
  return {
    points: days.map((d) => ({
      day: d,
      spentMicros: cumulative.get(d) ?? null,
      projectedMicros: ended || d < today ? null : d === today ? spent : projectAt(endOf(d)),
    })),
    spentMicros: spent,
    dailyRateMicros: BigInt(Math.round(rate)),
    projectedEndMicros: i.endsAt ? (ended ? spent : projectAt(i.endsAt)) : null,
    runsOutAt,
    exhaustedOn,
    status: exhaustedOn ? "exhausted" : runsOutAt ? "projected_over" : "within",
  };
}

/** Spend per day over the last RATE_WINDOW_DAYS days of the period up to now, today's elapsed part counted as such. */
function dailyRate(i: BurnInput, first: string, today: string): number {
  const elapsedDays = daysFrom(first, today).length;
  const windowFirst = addDays(today, -(Math.min(RATE_WINDOW_DAYS, elapsedDays) - 1));
  const windowStart = Math.max(startOfDay(windowFirst).getTime(), i.startsAt.getTime());
  const length = Math.max((i.now.getTime() - windowStart) / DAY_MS, MIN_WINDOW_DAYS);
  let spend = 0n;
  for (const d of daysFrom(windowFirst, today)) spend += i.daily.get(d) ?? 0n;
  return Number(spend) / length;
}
