// Points in time for the console's charts, and the SQL that puts an event at its point. Point i is
// at start + i*step; an event at `at` belongs to the first point at or after it (ceil), so a state
// series summed up to point i counts what happened by then, and a rate at point i counts what
// happened in the step before it. Events before the first point count at it (a state carried in).
import { Prisma } from "../db/generated/client";

export type Buckets = { start: Date; stepMs: number; n: number };

const MINUTE = 60_000;

/** At most maxPoints points from `from` to `to`, a whole number of minutes apart, at least two. */
export function bucketsBetween(from: Date, to: Date, maxPoints: number): Buckets {
  const span = Math.max(to.getTime() - from.getTime(), MINUTE);
  const stepMs = Math.max(MINUTE, Math.ceil(span / (maxPoints - 1) / MINUTE) * MINUTE);
  const n = Math.max(2, Math.min(maxPoints, Math.ceil(span / stepMs) + 1));
  return { start: new Date(to.getTime() - (n - 1) * stepMs), stepMs, n };
}

/** n points `stepMs` apart, the last at `to`. */
export const bucketsEnding = (to: Date, stepMs: number, n: number): Buckets => ({ start: new Date(to.getTime() - (n - 1) * stepMs), stepMs, n });

export const bucketTimes = (b: Buckets): string[] => Array.from({ length: b.n }, (_, i) => new Date(b.start.getTime() + i * b.stepMs).toISOString());

/**
 * The point an event at `column` (a timestamptz expression) belongs to, clamped to the series.
 * date_part, not EXTRACT: EXTRACT answers numeric, several times slower over thousands of rows.
 */
export const bucketOf = (b: Buckets, column: Prisma.Sql): Prisma.Sql =>
  Prisma.sql`LEAST(${b.n - 1}::int, GREATEST(0, CEIL(date_part('epoch', ${column} - ${b.start}::timestamptz) * 1000 / ${b.stepMs}::float8)))::int`;

/** Running sums per key from (point, key, change) rows: the state at each point. */
export function cumulate<K extends string>(b: Buckets, keys: readonly K[], rows: readonly { i: number; key: string; delta: number }[]): Record<K, number>[] {
  const change = keys.map(() => new Array<number>(b.n).fill(0));
  for (const r of rows) {
    const k = keys.indexOf(r.key as K);
    if (k >= 0 && r.i >= 0 && r.i < b.n) change[k]![r.i]! += Number(r.delta);
  }
  const running = keys.map(() => 0);
  return Array.from({ length: b.n }, (_, i) => Object.fromEntries(keys.map((key, k) => [key, (running[k]! += change[k]![i]!)])) as Record<K, number>);
}
