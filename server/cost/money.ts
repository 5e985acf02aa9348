// Money is integer micro-units of the platform's one currency (COST_CURRENCY), as bigint: no
// floating point anywhere a cost is computed. Model prices are per million tokens, resource prices
// per unit (a sandbox second, a verifier minute); every recorded cost is rounded up. No imports:
// the browser formats and parses amounts with the same functions.

export const MICROS_PER_UNIT = 1_000_000n;

export const RESOURCES = {
  /** A sandbox command's wall time, priced per second. */
  sandbox_second: { unitMs: 1_000n, label: "sandbox second" },
  /** A verifier step's wall time, priced per minute. */
  verifier_minute: { unitMs: 60_000n, label: "verifier minute" },
} as const;
export type ResourceSubject = keyof typeof RESOURCES;
export const isResourceSubject = (s: string): s is ResourceSubject => Object.hasOwn(RESOURCES, s);

export type TokenPrice = { inputMicros: bigint; outputMicros: bigint; cachedMicros: bigint };
export type TokenUsage = { inputTokens: number; outputTokens: number; cachedTokens?: number };

export function ceilDiv(a: bigint, b: bigint): bigint {
  if (a <= 0n) return 0n;
  return (a + b - 1n) / b;
}

/** Cached tokens are part of the input tokens (as providers report them) and priced at their own rate. */
export function modelCost(price: TokenPrice, u: TokenUsage): bigint {
  const cached = BigInt(Math.min(u.cachedTokens ?? 0, u.inputTokens));
  const fresh = BigInt(u.inputTokens) - cached;
  return ceilDiv(fresh * price.inputMicros + cached * price.cachedMicros + BigInt(u.outputTokens) * price.outputMicros, 1_000_000n);
}

/**
 * The most a call can cost: a token is at least one byte of what was sent, so the request's size
 * in bytes bounds its input tokens, and max_tokens bounds its output.
 */
export function worstCaseModelCost(price: TokenPrice, requestBytes: number, maxOutputTokens: number): bigint {
  const inputRate = price.inputMicros > price.cachedMicros ? price.inputMicros : price.cachedMicros;
  return ceilDiv(BigInt(requestBytes) * inputRate + BigInt(maxOutputTokens) * price.outputMicros, 1_000_000n);
}

/** A resource used for `ms` milliseconds, at unitMicros per unit, rounded up. */
export function resourceCost(subject: ResourceSubject, unitMicros: bigint, ms: number): bigint {
  return ceilDiv(BigInt(Math.max(0, Math.ceil(ms))) * unitMicros, RESOURCES[subject].unitMs);
}

/** Exact decimal text of an amount: 12_345_678n -> "12.345678". */
export function microsToDecimal(micros: bigint): string {
  const sign = micros < 0n ? "-" : "";
  const abs = micros < 0n ? -micros : micros;
  return `${sign}${abs / MICROS_PER_UNIT}.${String(abs % MICROS_PER_UNIT).padStart(6, "0")}`;
}

/** "12.5" or "12.345678" (at most six decimals, no sign, no exponent) -> micro-units; null if not such a number. */
export function parseAmount(text: string): bigint | null {
  const m = /^\s*(\d{1,12})(?:\.(\d{1,6}))?\s*$/.exec(text);
  if (!m) return null;
  return BigInt(m[1]!) * MICROS_PER_UNIT + BigInt((m[2] ?? "").padEnd(6, "0"));
}

/**
 * For people: "$12.35", or for amounts under a cent "$0.0042" (up to the micro-unit, "$0.000001"),
 * so a real cost never reads as zero.
 */
export function formatMoney(micros: bigint | number | string, currency: string): string {
  const m = BigInt(micros);
  const abs = m < 0n ? -m : m;
  const subCent = abs !== 0n && abs < 10_000n;
  const fmt = new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: subCent ? 4 : 2, maximumFractionDigits: subCent ? 6 : 2 });
  return fmt.format(microsToDecimal(m) as unknown as number);
}
