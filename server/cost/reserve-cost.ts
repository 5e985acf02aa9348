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

const refused = (o: Partial<Outcome>, neededMicros: bigint) => new Refused({
  budgetId: o.budgetId!, budgetName: o.name!, scope: o.scope!, period: o.period!, periodKey: o.periodKey!,
  limitMicros: o.limitMicros!, spentMicros: o.spentMicros!, reservedMicros: o.reservedMicros!, neededMicros, onExhausted: o.onExhausted!,
});

type Outcome = {
  reservationId: string | null; held: number; locked: number;
  budgetId: string | null; name: string | null; scope: string | null; period: string | null; periodKey: string | null;
  limitMicros: bigint | null; spentMicros: bigint | null; reservedMicros: bigint | null; onExhausted: string | null;
};

export async function reserveCost(
  work: CostWork,
  item: { kind: CostKind; subject: string; amountMicros: bigint; priceId: string; defaulted: boolean; ttlMs: number },
  at: Date = new Date(),
): Promise<{ ok: true; reservation: Reservation } | { ok: false; refusal: BudgetRefusal }> {
  const covering = coveringBudgets(work);
  const p = periodOf(at, work.runId);
  return db.$transaction(async (tx) => {
    // Opens the periods that are new (two reservations opening the same ones wait on each other's
    // rows in one order), and answers the tightest hard budget this amount would pass as its period
    // stood when the statement began. Such a refusal is true of a committed state, so it needs no
    // lock: work past an exhausted budget never queues on the period's row behind the work it fits.
    const [early] = await tx.$queryRaw<Outcome[]>`
      WITH opened AS (
        INSERT INTO "BudgetPeriod" (id, "tenantId", "budgetId", "periodKey", "startsAt", "endsAt")
        SELECT gen_random_uuid()::text, b."tenantId", b.id, ${p.key}, ${p.startsAt}, ${p.endsAt} FROM "Budget" b WHERE ${covering}
        ORDER BY b.id
        ON CONFLICT ("budgetId", "periodKey") DO NOTHING)
      SELECT b.id AS "budgetId", b.name, b.scope, b.period, ${p.key} AS "periodKey", b."limitMicros", b."onExhausted",
             coalesce(bp."spentMicros", 0) AS "spentMicros", coalesce(bp."reservedMicros", 0) AS "reservedMicros"
      FROM "Budget" b LEFT JOIN "BudgetPeriod" bp ON bp."budgetId" = b.id AND bp."periodKey" = ${p.key}
      WHERE ${covering} AND b.mode = 'hard' AND coalesce(bp."spentMicros", 0) + coalesce(bp."reservedMicros", 0) + ${item.amountMicros} > b."limitMicros"
      ORDER BY b."limitMicros" - coalesce(bp."spentMicros", 0) - coalesce(bp."reservedMicros", 0), b.id
      LIMIT 1`;
    if (early) throw refused(early, item.amountMicros);
    // One statement while the periods are locked: lock them in id order, find the hard budget with
    // the least room among those this amount would pass, and unless there is one, hold the amount
    // in every period and write the reservation. (Every reader of `locked` needs all of it, so all
    // locks are taken, in order, before anything is changed.)
    const expiresAt = new Date(at.getTime() + item.ttlMs);
    const [outcome] = await tx.$queryRaw<Outcome[]>`
      WITH locked AS MATERIALIZED (
        SELECT bp.id, bp."periodKey", bp."spentMicros", bp."reservedMicros", b.id AS "budgetId", b.name, b.scope, b.period, b.mode, b."limitMicros", b."onExhausted"
        FROM "Budget" b JOIN "BudgetPeriod" bp ON bp."budgetId" = b.id AND bp."periodKey" = ${p.key}
        WHERE ${covering}
        ORDER BY bp.id FOR UPDATE OF bp),
      over AS (
        SELECT * FROM locked WHERE mode = 'hard' AND "spentMicros" + "reservedMicros" + ${item.amountMicros} > "limitMicros"
        -- The tightest budget is the one to name (and to raise).
        ORDER BY "limitMicros" - "spentMicros" - "reservedMicros", id LIMIT 1),
      held AS (
        UPDATE "BudgetPeriod" SET "reservedMicros" = "reservedMicros" + ${item.amountMicros}
        WHERE id IN (SELECT id FROM locked) AND NOT EXISTS (SELECT 1 FROM over)
        RETURNING id),
      reservation AS (
        INSERT INTO "CostReservation" (id, "tenantId", "runId", kind, subject, "amountMicros", "priceId", defaulted, "periodIds", "expiresAt", "createdAt")
        SELECT gen_random_uuid()::text, ${work.tenantId}, ${work.runId}, ${item.kind}, ${item.subject}, ${item.amountMicros}, ${item.priceId}, ${item.defaulted},
               ARRAY(SELECT id FROM locked ORDER BY id), ${expiresAt}, ${at}
        WHERE NOT EXISTS (SELECT 1 FROM over)
        RETURNING id)
      SELECT (SELECT id FROM reservation) AS "reservationId", (SELECT count(*) FROM held)::int AS held, (SELECT count(*) FROM locked)::int AS locked,
             over."budgetId", over.name, over.scope, over.period, over."periodKey", over."limitMicros", over."spentMicros", over."reservedMicros", over."onExhausted"
      FROM (SELECT 1) one LEFT JOIN over ON true`;
    const o = outcome!;
    if (!o.reservationId) throw refused(o, item.amountMicros);
    if (o.held !== o.locked) throw new Error(`a reservation held ${o.held} of the ${o.locked} budget periods it locked`);
    return { ok: true as const, reservation: { reservationId: o.reservationId, amountMicros: item.amountMicros } };
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
