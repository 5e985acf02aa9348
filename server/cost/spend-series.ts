// The spend chart's series: at most MAX_SERIES at a glance, so past that the top ones by spend over
// the range and the rest together as "other"; and the day-by-day points with every day of the range
// present (zero where nothing was spent). Pure.

export const MAX_SERIES = 8;
export const OTHER = "other";

export type KeyTotal = { key: string; costMicros: bigint };

/** All keys when they fit, else the top MAX_SERIES - 1 by spend (ties by key) and "other". Keys with no spend are left out. */
export function chooseSeries(totals: readonly KeyTotal[], max = MAX_SERIES): { shown: string[]; other: boolean } {
  const spent = totals.filter((t) => t.costMicros > 0n).sort((a, b) => (b.costMicros > a.costMicros ? 1 : b.costMicros < a.costMicros ? -1 : a.key.localeCompare(b.key)));
  if (spent.length <= max) return { shown: spent.map((t) => t.key), other: false };
  return { shown: spent.slice(0, max - 1).map((t) => t.key), other: true };
}

/** Rows of (day, key or null for "other", spend) as points per day over `days`, one value per series. */
export function spendPoints(days: readonly string[], keys: readonly string[], rows: readonly { day: string; key: string | null; costMicros: bigint }[]) {
  const at = new Map(days.map((d) => [d, new Map<string, bigint>(keys.map((k) => [k, 0n]))]));
  for (const r of rows) {
    const values = at.get(r.day);
    const key = r.key ?? OTHER;
    if (values?.has(key)) values.set(key, values.get(key)! + r.costMicros);
  }
  return days.map((day) => ({ day, values: at.get(day)! }));
}

/** A share of a total as a fraction, 0 when the total is 0. */
export const shareOf = (part: bigint, total: bigint): number => (total > 0n ? Number((part * 1_000_000n) / total) / 1_000_000 : 0);
