// Run.budgetWait is JSON the worker writes while a hard budget holds the run (server/runs/
// wait-for-budget.ts: amounts as decimal strings of micro-units); read it field by field, so a shape
// written by another version (amounts as numbers, a field missing) still shows what it can.
import type { BudgetWait } from "./run-cost-view";

const text = (v: unknown) => (typeof v === "string" && v.length > 0 && v.length <= 200 ? v : null);
const micros = (v: unknown): number | null => {
  const s = typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : "";
  if (!/^\d{1,16}$/.test(s)) return null;
  const n = Number(s);
  return n <= 1e15 ? n : null;
};

/** Run.budgetWait as written by the worker, field by field: amounts as strings or numbers; anything unreadable is null. */
export function readBudgetWait(raw: unknown): BudgetWait | null {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
  const o = raw as Record<string, unknown>;
  return {
    budgetId: text(o.budgetId), budgetName: text(o.budgetName), scope: text(o.scope),
    limitMicros: micros(o.limitMicros), spentMicros: micros(o.spentMicros), reservedMicros: micros(o.reservedMicros), neededMicros: micros(o.neededMicros),
    proposedLimitMicros: micros(o.proposedLimitMicros), what: text(o.what), approvalId: text(o.approvalId),
  };
}
