// The tables behind the cost dashboard's charts as CSV (RFC 4180: quoted where needed, CRLF): amounts
// as exact decimals of the currency (microsToDecimal) with the currency in its own column, days as
// YYYY-MM-DD (UTC). Pure: it writes what the dashboard's parts answered, nothing more.
import type { BudgetBurn, RunBudget, SpendChart, Top, TopRun, UnitCosts } from "./cost-view";
import { microsToDecimal } from "./money";

type Cell = string | number | null;

// A cell a spreadsheet would run as a formula (a team or repository named "=HYPERLINK(...)") is kept as text.
const FORMULA = /^[=+\-@\t\r]/;

function cell(v: Cell): string {
  if (v === null) return "";
  const s = String(v);
  const safe = FORMULA.test(s) ? `'${s}` : s;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

const amount = (micros: number | null) => (micros === null ? null : microsToDecimal(BigInt(micros)));

/** A share of a total in percent with two decimals, exact from the micro-units (rounded half up). */
export function percentOf(part: number, total: number): string {
  if (total <= 0) return "0.00";
  const bp = (BigInt(part) * 20_000n + BigInt(total)) / (2n * BigInt(total));
  return `${bp / 100n}.${String(bp % 100n).padStart(2, "0")}`;
}

export function spendCsv(chart: SpendChart, currency: string): string {
  return toCsv(["day", "group_by", "key", "label", "amount", "currency"],
    chart.points.flatMap((p) => chart.series.map((s) => [p.day, chart.groupBy, s.key, s.label, amount(p.values[s.key] ?? 0), currency])));
}

export function unitCostsCsv(u: UnitCosts, currency: string): string {
  const row = (measure: string, x: UnitCosts["runs"]) => [measure, x.count, amount(x.costMicros), amount(x.perItemMicros), currency];
  return toCsv(["measure", "count", "total_amount", "amount_per_item", "currency"], [
    row("runs finished in the range", u.runs), row("succeeded runs", u.succeeded), row("pull requests merged in the range", u.mergedPrs),
  ]);
}

export function topCsv(top: Top, currency: string): string {
  return toCsv(["rank", "key", "label", "amount", "share_percent", "currency"],
    top.rows.map((r, i) => [i + 1, r.key, r.label, amount(r.costMicros), percentOf(r.costMicros, top.totalMicros), currency]));
}

export function topRunsCsv(runs: readonly TopRun[], currency: string): string {
  return toCsv(["rank", "run_id", "repository", "task_class", "state", "finished_at", "amount", "currency"],
    runs.map((r, i) => [i + 1, r.runId, r.repository, r.taskClass, r.state, r.finishedAt, amount(r.costMicros), currency]));
}

export function burndownCsv(b: BudgetBurn, currency: string): string {
  return toCsv(["day", "spent_cumulative", "projected_cumulative", "limit", "currency"],
    b.points.map((p) => [p.day, amount(p.spentMicros), amount(p.projectedMicros), amount(b.limitMicros), currency]));
}

export function runBudgetsCsv(budgets: readonly RunBudget[], currency: string): string {
  return toCsv(["budget_id", "name", "mode", "limit_per_run", "runs", "stopped", "waiting", "currency"],
    budgets.map((b) => [b.id, b.name, b.mode, amount(b.limitMicros), b.runs, b.stopped, b.waiting, currency]));
}
