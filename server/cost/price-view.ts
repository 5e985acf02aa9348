// What the API and the console show of prices: every version of every subject the tenant pays for
// (the platform's and its own), each with its standing now, and per subject the version in force
// for this tenant. Amounts go out as integer micro-units and as text for people.
import { z } from "zod";
import type { Price } from "../db/generated/client";
import { microsToDecimal } from "./money";
import { UNKNOWN_MODEL_CHOICES } from "./price-input";

export const ZPriceVersion = z.object({
  id: z.string(),
  scope: z.enum(["platform", "tenant"]).describe("platform: every tenant pays it unless it has its own; tenant: this tenant's own"),
  kind: z.enum(["model", "resource"]),
  subject: z.string(),
  version: z.number().int().describe("1, 2, ... per scope, kind and subject"),
  inputMicros: z.number().int().nullable(),
  outputMicros: z.number().int().nullable(),
  cachedMicros: z.number().int().nullable().describe("the cached input price (the input price when none was given)"),
  unitMicros: z.number().int().nullable(),
  text: z.object({ input: z.string().nullable(), output: z.string().nullable(), cached: z.string().nullable(), unit: z.string().nullable() })
    .describe("the amounts for people, in the currency (model prices per million tokens)"),
  effectiveFrom: z.string(),
  standing: z.enum(["in_force", "scheduled", "superseded", "overridden"])
    .describe("in_force: what the tenant pays now; scheduled: takes effect later; superseded: a later version of its scope took over; overridden: the platform's, while the tenant's own is in force"),
  note: z.string(),
  createdByLabel: z.string(),
  createdAt: z.string(),
});
export type PriceVersionView = z.infer<typeof ZPriceVersion>;

export const ZPriceSubject = z.object({
  kind: z.enum(["model", "resource"]),
  subject: z.string(),
  inForce: ZPriceVersion.nullable().describe("the version this tenant pays now (its own before the platform's); null: none yet"),
  versions: z.array(ZPriceVersion).describe("newest first, the tenant's and the platform's"),
});
export type PriceSubjectView = z.infer<typeof ZPriceSubject>;

export const ZPriceList = z.object({
  currency: z.string(),
  unknownModel: z.enum(UNKNOWN_MODEL_CHOICES).describe("how a model without a price of its own is costed in this tenant"),
  subjects: z.array(ZPriceSubject).describe("models (the * default first), then resources"),
});
export type PriceListView = z.infer<typeof ZPriceList>;

const num = (v: bigint | null) => (v === null ? null : Number(v));

/** Prices are often fractions of a cent: shown to the micro-unit, with no trailing zeros past the cents. */
export function priceText(micros: bigint | null, currency: string): string | null {
  if (micros === null) return null;
  const decimals = Math.max(2, String(micros % 1_000_000n).padStart(6, "0").replace(/0+$/, "").length);
  const fmt = new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  // A decimal string keeps every digit (Intl formats it exactly; a number could round).
  return fmt.format(microsToDecimal(micros) as unknown as number);
}

export function priceVersionView(p: Price, standing: PriceVersionView["standing"], currency: string): PriceVersionView {
  const cached = p.kind === "model" ? (p.cachedMicros ?? p.inputMicros) : null;
  return {
    id: p.id, scope: p.scope === "platform" ? "platform" : "tenant", kind: p.kind as PriceVersionView["kind"], subject: p.subject, version: p.version,
    inputMicros: num(p.inputMicros), outputMicros: num(p.outputMicros), cachedMicros: num(cached), unitMicros: num(p.unitMicros),
    text: { input: priceText(p.inputMicros, currency), output: priceText(p.outputMicros, currency), cached: priceText(cached, currency), unit: priceText(p.unitMicros, currency) },
    effectiveFrom: p.effectiveFrom.toISOString(), standing, note: p.note, createdByLabel: p.createdByLabel, createdAt: p.createdAt.toISOString(),
  };
}

/** The audit event's shape of a version: what it charges, from when. */
export const priceAuditShape = (v: PriceVersionView) => ({
  scope: v.scope, kind: v.kind, subject: v.subject, version: v.version, inputMicros: v.inputMicros, outputMicros: v.outputMicros,
  cachedMicros: v.cachedMicros, unitMicros: v.unitMicros, effectiveFrom: v.effectiveFrom, note: v.note,
});
