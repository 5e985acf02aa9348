// Amounts as people type them ("12.50", in currency units) and as the API takes them (integer
// micro-units), with the server's own parser and formatter (server/cost/money.ts imports nothing).
import { microsToDecimal, parseAmount } from "@/server/cost/money";
import { ApiError, type FieldIssue } from "../api/api-error";

/** "12.500000" -> "12.50"; "0.075000" -> "0.075": what a form shows for a stored amount. */
export function decimalText(micros: number | null | undefined): string {
  if (micros === null || micros === undefined) return "";
  return microsToDecimal(BigInt(micros)).replace(/(\.\d\d\d*?)0+$/, "$1");
}

/**
 * The typed amounts of a form as micro-units, by API field name. One that is not an amount is
 * refused here, next to its field, in the shape the API's own 422 has; an empty optional one is left out.
 */
export function amountsOf<K extends string>(values: Record<K, string>, fields: readonly K[], optional: readonly K[] = []): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  const issues: FieldIssue[] = [];
  for (const f of fields) {
    const text = values[f].trim();
    if (text === "" && optional.includes(f)) continue;
    const micros = parseAmount(text);
    if (micros === null) issues.push({ path: `body.${f}`, message: "enter an amount like 12.50 (digits, at most six decimals)" });
    else out[f] = Number(micros);
  }
  if (issues.length) throw new ApiError(422, "validation_failed", "Some amounts are not amounts.", issues);
  return out;
}
