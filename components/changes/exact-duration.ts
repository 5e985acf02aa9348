// A span between two timestamps, to the second (to the millisecond under a minute): time to first
// review and time to merge are exact figures, so they are not rounded to the largest unit.
const pad = (n: number) => String(n).padStart(2, "0");

/** 4.321 s · 3m 04s · 2h 03m 04s · 1d 02h 03m 04s */
export function exactDuration(ms: number): string {
  if (ms < 60_000) return `${(Math.max(0, ms) / 1000).toFixed(3).replace(/\.?0+$/, "")} s`;
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d}d ${pad(h)}h ${pad(m)}m ${pad(sec)}s`;
  if (h > 0) return `${h}h ${pad(m)}m ${pad(sec)}s`;
  return `${m}m ${pad(sec)}s`;
}
