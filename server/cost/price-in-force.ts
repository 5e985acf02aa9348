// The price a tenant pays for one model or resource at one moment: its own version in force, else
// the platform's; for a model with no price of its own, the "*" default (tenant's, else the
// platform's), unless the tenant refuses unknown models. Never zero by omission: no price at all
// is an answer the caller must act on.
import type { Tx } from "../db/client";
import type { TokenPrice } from "./money";

export type PriceKind = "model" | "resource";

export type PriceInForce = TokenPrice & {
  id: string;
  scope: string;
  subject: string;
  version: number;
  unitMicros: bigint;
  /** The model had no price of its own: this is the "*" default. */
  defaulted: boolean;
};

type Row = { id: string; scope: string; subject: string; version: number; inputMicros: bigint | null; outputMicros: bigint | null; cachedMicros: bigint | null; unitMicros: bigint | null; unknownModel: string | null };

export async function priceInForce(
  tx: Tx, tenantId: string, kind: PriceKind, subject: string, at: Date = new Date(),
): Promise<{ ok: true; price: PriceInForce } | { ok: false; message: string }> {
  const subjects = kind === "model" ? [subject, "*"] : [subject];
  const rows = await tx.$queryRaw<Row[]>`
    SELECT p.id, p.scope, p.subject, p.version, p."inputMicros", p."outputMicros", p."cachedMicros", p."unitMicros",
           (SELECT s."unknownModel" FROM "TenantCostSettings" s WHERE s."tenantId" = ${tenantId}) AS "unknownModel"
    FROM "Price" p
    WHERE p.kind = ${kind} AND p.subject = ANY(${subjects}) AND p.scope IN ('platform', ${tenantId}) AND p."effectiveFrom" <= ${at}
    ORDER BY p.subject = '*', p.scope = 'platform', p."effectiveFrom" DESC
    LIMIT 1`;
  const row = rows[0];
  if (!row) return { ok: false, message: `no price is in force for the ${kind} "${subject}"` };
  const defaulted = row.subject !== subject;
  if (defaulted && row.unknownModel === "refuse") return { ok: false, message: `the model "${subject}" has no price, and this tenant refuses models without one (Admin → Prices)` };
  return {
    ok: true,
    price: {
      id: row.id, scope: row.scope, subject: row.subject, version: row.version, defaulted,
      inputMicros: row.inputMicros ?? 0n, outputMicros: row.outputMicros ?? 0n, cachedMicros: row.cachedMicros ?? row.inputMicros ?? 0n, unitMicros: row.unitMicros ?? 0n,
    },
  };
}
