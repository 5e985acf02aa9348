// Every price version the tenant pays by: the platform's and its own, grouped by subject, with the
// one in force now marked the way priceInForce chooses it (the tenant's own version in effect
// before the platform's; the newest in effect within a scope).
import type { OpContext } from "../core/op-context";
import type { Price } from "../db/generated/client";
import { env } from "../env";
import { getCostSettings } from "./get-cost-settings";
import { priceVersionView, type PriceListView, type PriceSubjectView, type PriceVersionView } from "./price-view";

/** Versions are added by hand, a few a year per subject: far below this. */
const MAX_VERSIONS_LISTED = 5_000;

export async function listPrices(ctx: OpContext, now: Date = new Date()): Promise<PriceListView> {
  const tenantId = ctx.scope.tenant.id;
  const currency = env().COST_CURRENCY;
  const rows = await ctx.tx.price.findMany({
    where: { scope: { in: ["platform", tenantId] } },
    orderBy: [{ kind: "asc" }, { subject: "asc" }, { effectiveFrom: "desc" }],
    take: MAX_VERSIONS_LISTED,
  });
  const groups = new Map<string, Price[]>();
  for (const r of rows) {
    const key = `${r.kind}\u0000${r.subject}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const subjects = [...groups.values()].map((versions) => subjectView(versions, now, currency));
  subjects.sort((a, b) => rank(a) - rank(b) || a.subject.localeCompare(b.subject));
  return { currency, unknownModel: (await getCostSettings(ctx)).unknownModel, subjects };
}

const rank = (s: PriceSubjectView) => (s.kind === "model" ? (s.subject === "*" ? 0 : 1) : 2);

/** One subject's versions (newest first), each with its standing now. */
export function subjectView(versions: Price[], now: Date, currency: string): PriceSubjectView {
  const inEffect = (scopeIsPlatform: boolean) => versions.find((v) => (v.scope === "platform") === scopeIsPlatform && v.effectiveFrom <= now);
  const own = inEffect(false);
  const platform = inEffect(true);
  const inForce = own ?? platform;
  const standing = (v: Price): PriceVersionView["standing"] => {
    if (v.effectiveFrom > now) return "scheduled";
    if (v === inForce) return "in_force";
    return v === platform ? "overridden" : "superseded";
  };
  const views = versions.map((v) => priceVersionView(v, standing(v), currency));
  return { kind: versions[0]!.kind as PriceSubjectView["kind"], subject: versions[0]!.subject, inForce: views.find((v) => v.standing === "in_force") ?? null, versions: views };
}
