// Small helpers for printing figures; benches report numbers, they never pass or fail.
export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return NaN;
  const i = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, i)]!;
}

export function summarise(samplesMs: number[]): { p50: number; p95: number; p99: number; max: number } {
  const s = [...samplesMs].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
}

export const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const ms = (n: number) => (n < 1 ? `${fmt(n, 4)} ms` : `${fmt(n, 1)} ms`);

export function target(met: boolean, text: string): string {
  return `${met ? "meets" : "MISSES"} target ${text}`;
}

export function heading(title: string): void {
  console.log(`\n== ${title}`);
}
