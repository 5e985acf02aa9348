// Adds a version of a model's or resource's price, the tenant's own or (price.platform) the
// platform's. Editing a price is adding a version: rows are never changed (the database refuses
// it), so what was costed stays costed at the price then in force. A new version takes effect now
// or later, and after the subject's latest version in its scope, so effective dates never overlap
// and the version numbers follow them.
import { actorLabel } from "../authz/scope";
import type { OpContext } from "../core/op-context";
import { env } from "../env";
import { checkCurrency, fieldError } from "./field-error";
import { subjectView } from "./list-prices";
import { PAST_TOLERANCE_MS, type AddPriceVersionInput } from "./price-input";
import { priceAuditShape, type PriceSubjectView, type PriceVersionView } from "./price-view";

export async function addPriceVersion(
  ctx: OpContext, input: AddPriceVersionInput, now: Date = new Date(),
): Promise<{ price: PriceVersionView; subject: PriceSubjectView }> {
  const tenantId = ctx.scope.tenant.id;
  checkCurrency(input.currency);
  const scope = input.scope === "platform" ? "platform" : tenantId;
  const effectiveFrom = input.effectiveFrom ? new Date(input.effectiveFrom) : now;
  if (effectiveFrom.getTime() < now.getTime() - PAST_TOLERANCE_MS) {
    throw fieldError("body.effectiveFrom", `is in the past (${effectiveFrom.toISOString()}): a new price takes effect now or later, because what was costed is never recomputed`);
  }
  const { kind, subject } = input;
  // One writer per scope, kind and subject at a time: the checks below and the version number hold.
  await ctx.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`price:${scope}:${kind}:${subject}`}))`;
  const latest = await ctx.tx.price.findFirst({ where: { scope, kind, subject }, orderBy: { version: "desc" } });
  if (latest && effectiveFrom <= latest.effectiveFrom) {
    const at = latest.effectiveFrom.toISOString();
    throw fieldError("body.effectiveFrom", `overlapping effective dates: version ${latest.version} of ${describe(input)} takes effect ${latest.effectiveFrom > now ? "at" : "since"} ${at}; a new version must take effect after ${at}`);
  }
  const created = await ctx.tx.price.create({
    data: {
      scope, tenantId: input.scope === "platform" ? null : tenantId, kind, subject, version: (latest?.version ?? 0) + 1,
      inputMicros: big(input.inputMicros), outputMicros: big(input.outputMicros), cachedMicros: big(input.cachedMicros), unitMicros: big(input.unitMicros),
      effectiveFrom, note: input.note, createdByLabel: actorLabel(ctx.scope.actor),
    },
  });
  const versions = await ctx.tx.price.findMany({ where: { scope: { in: ["platform", tenantId] }, kind, subject }, orderBy: { effectiveFrom: "desc" } });
  const view = subjectView(versions, now, env().COST_CURRENCY);
  const price = view.versions.find((v) => v.id === created.id)!;
  await ctx.audit({ action: "price.version.add", resourceType: "price", resourceId: created.id, after: priceAuditShape(price) });
  return { price, subject: view };
}

const big = (n: number | undefined) => (n === undefined ? null : BigInt(n));

const describe = (i: AddPriceVersionInput) =>
  `${i.scope === "platform" ? "the platform's" : "this tenant's"} ${i.kind === "model" ? (i.subject === "*" ? "default model price (*)" : `price of ${i.subject}`) : `${i.subject} price`}`;
