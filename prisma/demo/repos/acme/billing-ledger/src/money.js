// Amounts are integers in the currency's minor unit. Parsing is from strings only: a float like
// 0.1 + 0.2 has already lost the cent before it gets here.
import { readFileSync } from "node:fs";

const { currencies } = JSON.parse(readFileSync(new URL("../config/ledger.json", import.meta.url), "utf8"));

export function minorUnits(currency) {
  const found = currencies[currency];
  if (!found) throw new RangeError(`unknown currency ${currency}`);
  return found.minorUnits;
}

/** "12.34" USD -> 1234; more decimals than the currency has is an error, not a rounding. */
export function toMinor(text, currency) {
  const digits = minorUnits(currency);
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(String(text).trim());
  if (!match) throw new SyntaxError(`not an amount: ${JSON.stringify(text)}`);
  const [, sign, whole, fraction = ""] = match;
  if (fraction.length > digits) throw new RangeError(`${currency} has ${digits} decimal places, got ${text}`);
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || 0);
  if (!Number.isSafeInteger(minor)) throw new RangeError(`amount out of range: ${text}`);
  return sign ? -minor : minor;
}

/** 1234 USD -> "12.34"; -5 USD -> "-0.05". */
export function formatMinor(minor, currency) {
  const digits = minorUnits(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(minor);
  if (digits === 0) return `${sign}${abs}`;
  const text = String(abs).padStart(digits + 1, "0");
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * Splits an amount by ratios so the parts add up to exactly the amount: each part is rounded
 * down and the remaining minor units go to the largest remainders first (ties: earlier part).
 */
export function allocate(minor, ratios) {
  const total = ratios.reduce((a, b) => a + b, 0);
  if (!Number.isInteger(minor)) throw new TypeError("amount must be an integer in minor units");
  if (ratios.length === 0 || total <= 0 || ratios.some((r) => r < 0)) throw new RangeError("ratios must be non-negative and not all zero");
  const exact = ratios.map((r) => (minor * r) / total);
  const parts = exact.map(Math.floor);
  let left = minor - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, remainder: e - Math.floor(e) })).sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts;
}
