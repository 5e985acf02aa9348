// What the worker calls before a model request, a sandbox command or a verifier step: the price in
// force now, the work's worst-case cost under it, and a reservation of that cost against every
// budget covering the work. The answer says why when the work may not go ahead: no price (a model
// the tenant refuses unpriced), or a hard budget without room, named with its limit and spend.
import { db } from "../db/client";
import { env } from "../env";
import type { CostWork } from "./cost-work";
import { formatMoney } from "./money";
import { priceInForce, type PriceInForce } from "./price-in-force";
import { reserveCost, type BudgetRefusal, type CostKind } from "./reserve-cost";

export type Hold = { reservationId: string; amountMicros: bigint; price: PriceInForce };
export type HoldRefused =
  | { reason: "no_price"; message: string }
  | { reason: "budget"; refusal: BudgetRefusal; message: string };

const SUBJECT: Record<Exclude<CostKind, "model">, string> = { sandbox: "sandbox_second", verifier: "verifier_minute" };

/** work: the tenant and the run, as reserveCost takes them. */
export async function holdCost(
  work: Pick<CostWork, "tenantId" | "runId">,
  item: { kind: CostKind; model?: string; worstCase: (price: PriceInForce) => bigint; ttlMs: number; what: string },
): Promise<{ ok: true; hold: Hold } | ({ ok: false } & HoldRefused)> {
  const subject = item.kind === "model" ? item.model! : SUBJECT[item.kind];
  const found = await priceInForce(db, work.tenantId, item.kind === "model" ? "model" : "resource", subject);
  if (!found.ok) return { ok: false, reason: "no_price", message: found.message };
  const amountMicros = item.worstCase(found.price);
  const reserved = await reserveCost(work, { kind: item.kind, subject, amountMicros, priceId: found.price.id, defaulted: found.price.defaulted, ttlMs: item.ttlMs });
  if (!reserved.ok) return { ok: false, reason: "budget", refusal: reserved.refusal, message: refusalMessage(reserved.refusal, item.what) };
  return { ok: true, hold: { reservationId: reserved.reservation.reservationId, amountMicros, price: found.price } };
}

export function refusalMessage(r: BudgetRefusal, what: string): string {
  const c = env().COST_CURRENCY;
  const left = r.limitMicros - r.spentMicros - r.reservedMicros;
  return `the hard ${r.scope} budget "${r.budgetName}" has ${formatMoney(left < 0n ? 0n : left, c)} left of ${formatMoney(r.limitMicros, c)} `
    + `(${formatMoney(r.spentMicros, c)} spent, ${formatMoney(r.reservedMicros, c)} reserved); ${what} needs up to ${formatMoney(r.neededMicros, c)}`;
}
