// Ends a reservation. settle: the work happened; its real cost (or, when it cannot be known, the
// reserved amount, since the provider may have billed it) moves from reserved to spent and is
// recorded. release: nothing was used; the hold is given back. Both apply once (a conditional
// update on the reservation), lock the periods in the same id order as reserving, and announce
// each threshold a period passes, once per threshold and period, in the same transaction. Each is
// a few statements (every one a round trip on the model call's path): the reservation ended with
// its price and its run's dimensions read in one, the periods locked and moved in one, the cost
// recorded in one.
import { db, type Tx } from "../db/client";
import { announceThresholds, type ThresholdCrossing } from "./announce-thresholds";
import type { CostWork } from "./cost-work";
import { costOf, recordCost, type Measured } from "./record-cost";
import { COST_TX, type CostKind } from "./reserve-cost";

type Ended = {
  tenantId: string; runId: string | null; kind: CostKind; subject: string; amountMicros: bigint; priceId: string; defaulted: boolean; periodIds: string[];
  /** Its price (null: gone), and its run's dimensions (runOf null: the run is gone). */
  foundPrice: string | null; priceSubject: string; inputMicros: bigint | null; outputMicros: bigint | null; cachedMicros: bigint | null; unitMicros: bigint | null;
  runOf: string | null; teamId: string | null; repositoryId: string | null; campaignId: string | null; taskClass: string | null;
};
type Period = { id: string; budgetId: string; periodKey: string; spentMicros: bigint; alerted: number[]; name: string; scope: string; mode: string; limitMicros: bigint; thresholds: number[] };

/**
 * measured null: the work's use is unknown (a request that timed out, a worker that died), so it
 * costs what was reserved. Resolves with the recorded cost, or null when the reservation had
 * already ended.
 */
export async function settleCost(reservationId: string, measured: Measured | null, options: { expired?: boolean; at?: Date } = {}): Promise<{ costMicros: bigint } | null> {
  return db.$transaction(async (tx) => {
    const ended = await endReservation(tx, reservationId, "settled");
    if (!ended) return null;
    // A reservation is never settled without the price it was reserved under (the transaction rolls back).
    if (!ended.foundPrice) throw new Error(`the price ${ended.priceId} of cost reservation ${reservationId} is gone`);
    const p = { subject: ended.priceSubject, inputMicros: ended.inputMicros ?? 0n, outputMicros: ended.outputMicros ?? 0n, cachedMicros: ended.cachedMicros ?? ended.inputMicros ?? 0n, unitMicros: ended.unitMicros ?? 0n };
    const costMicros = measured ? costOf(ended.kind, p, measured) : ended.amountMicros;
    const periods = await movePeriods(tx, ended.periodIds, -ended.amountMicros, costMicros);
    const work: CostWork = ended.runOf
      ? { tenantId: ended.tenantId, runId: ended.runOf, teamId: ended.teamId, repositoryId: ended.repositoryId, campaignId: ended.campaignId, taskClass: ended.taskClass }
      : { tenantId: ended.tenantId, runId: null, teamId: null, repositoryId: null, campaignId: null, taskClass: null };
    await recordCost(tx, work, {
      kind: ended.kind, subject: ended.subject, priceId: ended.priceId, defaulted: ended.defaulted, measured: measured ?? {}, costMicros,
      at: options.at ?? new Date(), reservationId, expired: options.expired ?? measured === null,
    });
    const crossings = periods.flatMap(crossed);
    if (crossings.length) await announceThresholds(tx, ended.tenantId, crossings);
    return { costMicros };
  }, COST_TX);
}

export async function releaseCost(reservationId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const ended = await endReservation(tx, reservationId, "released");
    if (!ended) return false;
    await movePeriods(tx, ended.periodIds, -ended.amountMicros, 0n);
    return true;
  }, COST_TX);
}

async function endReservation(tx: Tx, id: string, state: "settled" | "released"): Promise<Ended | null> {
  const rows = await tx.$queryRaw<Ended[]>`
    WITH ended AS (
      UPDATE "CostReservation" SET state = ${state}, "endedAt" = now() WHERE id = ${id} AND state = 'held'
      RETURNING "tenantId", "runId", kind, subject, "amountMicros", "priceId", defaulted, "periodIds")
    SELECT e.*, p.id AS "foundPrice", p.subject AS "priceSubject", p."inputMicros", p."outputMicros", p."cachedMicros", p."unitMicros",
           r.id AS "runOf", rp."teamId", r."repositoryId", r."campaignId", r."taskClass"
    FROM ended e
    LEFT JOIN "Price" p ON p.id = e."priceId"
    LEFT JOIN "Run" r ON r.id = e."runId"
    LEFT JOIN "Repository" rp ON rp.id = r."repositoryId"`;
  return rows[0] ?? null;
}

/**
 * Locks the periods in id order (as reserving does; every lock is taken before the update reads
 * past it) and moves the amounts; answers each period as it is now, with its budget.
 */
async function movePeriods(tx: Tx, ids: string[], reservedDelta: bigint, spentDelta: bigint): Promise<Period[]> {
  if (ids.length === 0) return [];
  return tx.$queryRaw<Period[]>`
    WITH locked AS MATERIALIZED (SELECT bp.id FROM "BudgetPeriod" bp WHERE bp.id = ANY(${ids}) ORDER BY bp.id FOR UPDATE)
    UPDATE "BudgetPeriod" bp SET "reservedMicros" = bp."reservedMicros" + ${reservedDelta}, "spentMicros" = bp."spentMicros" + ${spentDelta}
    FROM "Budget" b
    WHERE bp.id IN (SELECT id FROM locked) AND b.id = bp."budgetId"
    RETURNING bp.id, bp."budgetId", bp."periodKey", bp."spentMicros", bp.alerted, b.name, b.scope, b.mode, b."limitMicros", b.thresholds`;
}

/** The thresholds a period's spend has reached (now that this cost is in) and that were not announced yet. */
function crossed(bp: Period): ThresholdCrossing[] {
  return bp.thresholds
    .filter((t) => !bp.alerted.includes(t) && bp.spentMicros * 100n >= bp.limitMicros * BigInt(t))
    .map((t) => ({ periodId: bp.id, budgetId: bp.budgetId, budgetName: bp.name, scope: bp.scope, mode: bp.mode, periodKey: bp.periodKey, threshold: t, spentMicros: bp.spentMicros, limitMicros: bp.limitMicros }));
}
