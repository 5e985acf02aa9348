// Holds a piece of work's worst-case cost against every budget covering it, atomically: the
// periods are opened if new (inserted in budget id order) and locked in id order, so concurrent
// reservations and settlements never deadlock, and a hard budget whose spent + reserved + this
// amount would pass its limit refuses the whole reservation. Nothing is reserved against any
// budget unless every hard one has room, so concurrent work can never overshoot; a refusal writes
// nothing, not even the periods it opened.
import { db } from "../db/client";
import type { CostWork } from "./cost-work";
import { coveringBudgets, periodOf } from "./budget-periods";

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

/** Rolls the reserving transaction back, periods it opened included, carrying the refusal out. */
class Refused extends Error {
  constructor(readonly refusal: BudgetRefusal) {
    super("refused");
  }
}

type Locked = { id: string; periodKey: string; spentMicros: bigint; reservedMicros: bigint; budgetId: string; name: string; scope: string; period: string; mode: string; limitMicros: bigint; onExhausted: string };

export async function reserveCost(
  work: CostWork,
  item: { kind: CostKind; subject: string; amountMicros: bigint; priceId: string; defaulted: boolean; ttlMs: number },
  at: Date = new Date(),
): Promise<{ ok: true; reservation: Reservation } | { ok: false; refusal: BudgetRefusal }> {
  const covering = coveringBudgets(work);
  const p = periodOf(at, work.runId);
  return db.$transaction(async (tx) => {
    // Two reservations opening the same new periods wait on each other's rows in one order.
    await tx.$executeRaw`
      INSERT INTO "BudgetPeriod" (id, "tenantId", "budgetId", "periodKey", "startsAt", "endsAt")
      SELECT gen_random_uuid()::text, b."tenantId", b.id, ${p.key}, ${p.startsAt}, ${p.endsAt} FROM "Budget" b WHERE ${covering}
      ORDER BY b.id
      ON CONFLICT ("budgetId", "periodKey") DO NOTHING`;
    const locked = await tx.$queryRaw<Locked[]>`
      SELECT bp.id, bp."periodKey", bp."spentMicros", bp."reservedMicros", b.id AS "budgetId", b.name, b.scope, b.period, b.mode, b."limitMicros", b."onExhausted"
      FROM "Budget" b JOIN "BudgetPeriod" bp ON bp."budgetId" = b.id AND bp."periodKey" = ${p.key}
      WHERE ${covering}
      ORDER BY bp.id FOR UPDATE OF bp`;
    const over = locked
      .filter((l) => l.mode === "hard" && l.spentMicros + l.reservedMicros + item.amountMicros > l.limitMicros)
      // The tightest budget is the one to name (and to raise).
      .sort((a, b) => Number((a.limitMicros - a.spentMicros - a.reservedMicros) - (b.limitMicros - b.spentMicros - b.reservedMicros)))[0];
    if (over) {
      throw new Refused({
        budgetId: over.budgetId, budgetName: over.name, scope: over.scope, period: over.period, periodKey: over.periodKey,
        limitMicros: over.limitMicros, spentMicros: over.spentMicros, reservedMicros: over.reservedMicros, neededMicros: item.amountMicros, onExhausted: over.onExhausted,
      });
    }
    const ids = locked.map((l) => l.id);
    const expiresAt = new Date(at.getTime() + item.ttlMs);
    const rows = await tx.$queryRaw<{ id: string }[]>`
      WITH held AS (UPDATE "BudgetPeriod" SET "reservedMicros" = "reservedMicros" + ${item.amountMicros} WHERE id = ANY(${ids}) RETURNING id)
      INSERT INTO "CostReservation" (id, "tenantId", "runId", kind, subject, "amountMicros", "priceId", defaulted, "periodIds", "expiresAt", "createdAt")
      VALUES (gen_random_uuid()::text, ${work.tenantId}, ${work.runId}, ${item.kind}, ${item.subject}, ${item.amountMicros}, ${item.priceId}, ${item.defaulted}, ${ids}, ${expiresAt}, ${at})
      RETURNING id`;
    return { ok: true as const, reservation: { reservationId: rows[0]!.id, amountMicros: item.amountMicros } };
  }, COST_TX).catch((e: unknown) => {
    if (e instanceof Refused) return { ok: false as const, refusal: e.refusal };
    throw e;
  });
}

/**
 * Reservations and settlements of one budget queue on its period's row lock: a burst of model
 * calls larger than the pool waits for a connection and then its turn (Prisma's defaults, 2 s to
 * start and 5 s to finish, would fail a call under load rather than make it wait).
 */
export const COST_TX = { maxWait: 30_000, timeout: 30_000 } as const;
