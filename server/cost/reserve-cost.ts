// Holds a piece of work's worst-case cost against every budget covering it, atomically, in one
// statement (fleetgate_cost_reserve, migration 20261211140000_cost_functions): the periods are
// opened if new (inserted in budget id order) and locked in id order, so concurrent reservations
// and settlements never deadlock, and a hard budget whose spent + reserved + this amount would
// pass its limit refuses the whole reservation, naming the tightest such budget. Nothing is
// reserved against any budget unless every hard one has room, so concurrent work can never
// overshoot; a refusal writes nothing, not even the periods it opened. A refusal already true of
// the committed state is answered before any lock is taken, so work past an exhausted budget never
// queues behind the work it fits.
import { db } from "../db/client";
import type { CostWork } from "./cost-work";

export type CostKind = "model" | "sandbox" | "verifier";

export type BudgetRefusal = {
  budgetId: string;
  budgetName: string;
  scope: string;
  period: string;
  periodKey: string;
  limitMicros: bigint;
  spentMicros: bigint;
  reservedMicros: bigint;
  neededMicros: bigint;
  onExhausted: string;
};

export type Reservation = { reservationId: string; amountMicros: bigint };

type Outcome = {
  reservationId: string | null;
  budgetId: string; name: string; scope: string; period: string; periodKey: string;
  limitMicros: bigint; spentMicros: bigint; reservedMicros: bigint; onExhausted: string;
};

/**
 * work: the tenant, and the run the work belongs to (null: the tenant's own work, covered by its
 * tenant budgets only). A run's team and campaign are looked up with the reservation, as they are
 * now; a run that is gone (or not the tenant's) is an error.
 */
export async function reserveCost(
  work: Pick<CostWork, "tenantId" | "runId">,
  item: { kind: CostKind; subject: string; amountMicros: bigint; priceId: string; defaulted: boolean; ttlMs: number },
  at: Date = new Date(),
): Promise<{ ok: true; reservation: Reservation } | { ok: false; refusal: BudgetRefusal }> {
  const expiresAt = new Date(at.getTime() + item.ttlMs);
  const [o] = await db.$queryRaw<Outcome[]>`
    SELECT * FROM fleetgate_cost_reserve(${work.tenantId}::text, ${work.runId}::text, ${item.kind}::text, ${item.subject}::text, ${item.amountMicros}::bigint,
                                         ${item.priceId}::text, ${item.defaulted}::boolean, ${at}::timestamptz, ${expiresAt}::timestamptz)`;
  if (o!.reservationId) return { ok: true, reservation: { reservationId: o!.reservationId, amountMicros: item.amountMicros } };
  return {
    ok: false,
    refusal: {
      budgetId: o!.budgetId, budgetName: o!.name, scope: o!.scope, period: o!.period, periodKey: o!.periodKey,
      limitMicros: o!.limitMicros, spentMicros: o!.spentMicros, reservedMicros: o!.reservedMicros, neededMicros: item.amountMicros, onExhausted: o!.onExhausted,
    },
  };
}
