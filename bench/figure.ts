// A figure of the bench beside its baseline: what this machine does for the same work without
// Fleetgate's part, measured in the same run. An absolute time on a shared machine says little;
// the ratio (figure / baseline) says what Fleetgate adds. Figures without a baseline say so.
import { fmt, ms } from "./stats";

/** What the figure is compared with, measured in the same run on the same data. */
export type Baseline = { value: number; is: string };

export type Figure = { name: string; value: number; unit: string; baseline: Baseline | null };

/** The figure divided by its baseline, in the figure's unit: above 1 for a time means slower, below 1 for a rate. */
export function ratio(f: Figure): number | null {
  if (!f.baseline || !Number.isFinite(f.value) || !Number.isFinite(f.baseline.value) || f.baseline.value <= 0) return null;
  return f.value / f.baseline.value;
}

export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return `n/a ${unit}`;
  if (unit === "ms") return ms(value);
  return `${fmt(value, Math.abs(value) < 1 ? 3 : Math.abs(value) < 100 ? 1 : 0)} ${unit}`;
}

export function formatRatio(r: number | null): string {
  if (r === null) return "n/a";
  return `${r < 10 ? r.toFixed(2) : r < 100 ? r.toFixed(1) : fmt(r)}x`;
}

/** One line: the figure, then its baseline and the ratio, or "no baseline". */
export function figureLine(f: Figure): string {
  const head = `${f.name}: ${formatValue(f.value, f.unit)}`;
  if (!f.baseline) return `${head}; no baseline`;
  return `${head}; baseline ${formatValue(f.baseline.value, f.unit)} (${f.baseline.is}); ratio ${formatRatio(ratio(f))}`;
}

/** Every figure in one aligned table, for the end of the run. */
export function figuresTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [f.name, formatValue(f.value, f.unit), f.baseline ? formatValue(f.baseline.value, f.unit) : "no baseline", f.baseline ? formatRatio(ratio(f)) : "", f.baseline?.is ?? ""]);
  const all = [["figure", "value", "baseline", "ratio", "baseline is"], ...rows];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...all.map((r) => r[c]!.length)));
  return all.map((r) => r.map((cell, c) => (c === 0 || c === 4 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c]!))).join("  ").trimEnd()).join("\n");
}

export type FiguresReport = { startedAt: string; cores: number; loadAverage: { start: number[]; end: number[] }; seconds: number; error: string | null };

/** The JSON `npm run bench -- --json FILE` writes: every figure with its baseline and ratio (null without one). */
export function figuresJson(figures: readonly Figure[], report: FiguresReport): string {
  const out = figures.map((f) => ({ name: f.name, value: f.value, unit: f.unit, baseline: f.baseline?.value ?? null, ratio: ratio(f), baselineIs: f.baseline?.is ?? null }));
  return `${JSON.stringify({ ...report, figures: out }, null, 2)}\n`;
}

const recorded: Figure[] = [];

/** Records a figure of this run and prints it with its baseline and ratio. */
export function figure(name: string, value: number, unit: string, baseline?: Baseline): Figure {
  const f: Figure = { name, value, unit, baseline: baseline ?? null };
  recorded.push(f);
  console.log(`  >> ${figureLine(f)}`);
  return f;
}

export const recordedFigures = (): readonly Figure[] => recorded;

/** Records figures a child process measured and printed itself (it sends recordedFigures()). */
export function adoptFigures(figures: readonly Figure[]): void {
  recorded.push(...figures);
}
