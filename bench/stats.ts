// Small helpers for printing figures; benches report numbers, they never pass or fail.
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
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

/** Starts measuring CPU; the result says how busy this process and the whole machine were. */
export function cpuMeter(): () => string {
  const machine = () => {
    try {
      const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
      const idle = fields[3]! + (fields[4] ?? 0);
      return { idle, total: fields.reduce((a, b) => a + b, 0) };
    } catch {
      return null; // not Linux
    }
  };
  const m0 = machine();
  const p0 = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    const wall = performance.now() - t0;
    const p = process.cpuUsage(p0);
    const self = `this process ${fmt(((p.user + p.system) / 1000 / wall) * 100)}% of one core`;
    const m1 = machine();
    if (!m0 || !m1) return self;
    const busy = 1 - (m1.idle - m0.idle) / (m1.total - m0.total);
    return `${self}, machine ${fmt(busy * 100)}% busy over ${cpus().length} cores`;
  };
}
