// Ends a reservation. settle: the work happened; its real cost (or, when it cannot be known, the
// reserved amount, since the provider may have billed it) moves from reserved to spent and is
// recorded. release: nothing was used; the hold is given back. Both apply once (a conditional
// update on the reservation), lock the periods in the same id order as reserving, and announce
// each threshold a period passes, once per threshold and period, in the same transaction.
import { db, type Tx } from "../db/client";
import { announceThresholds, type ThresholdCrossing } from "./announce-thresholds";
import { costWorkOfRun, type CostWork } from "./cost-work";
import { costOf, recordCost, type Measured } from "./record-cost";
import { COST_TX, type CostKind } from "./reserve-cost";

type Ended = { tenantId: string; runId: string | null; kind: CostKind; subject: string; amountMicros: bigint; priceId: string; defaulted: boolean; periodIds: string[] };
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
    const price = await tx.price.findUniqueOrThrow({ where: { id: ended.priceId } });
    const p = { subject: price.subject, inputMicros: price.inputMicros ?? 0n, outputMicros: price.outputMicros ?? 0n, cachedMicros: price.cachedMicros ?? price.inputMicros ?? 0n, unitMicros: price.unitMicros ?? 0n };
    const costMicros = measured ? costOf(ended.kind, p, measured) : ended.amountMicros;
    const periods = await lockPeriods(tx, ended.periodIds);
    await tx.$executeRaw`
      UPDATE "BudgetPeriod" SET "reservedMicros" = "reservedMicros" - ${ended.amountMicros}, "spentMicros" = "spentMicros" + ${costMicros}
      WHERE id = ANY(${ended.periodIds})`;
    const work: CostWork = (ended.runId ? await costWorkOfRun(tx, ended.runId) : null)
      ?? { tenantId: ended.tenantId, runId: null, teamId: null, repositoryId: null, campaignId: null, taskClass: null };
    await recordCost(tx, work, {
      kind: ended.kind, subject: ended.subject, priceId: ended.priceId, defaulted: ended.defaulted, measured: measured ?? {}, costMicros,
      at: options.at ?? new Date(), reservationId, expired: options.expired ?? measured === null,
    });
    const crossings = periods.flatMap((bp) => crossed(bp, bp.spentMicros + costMicros));
    if (crossings.length) await announceThresholds(tx, ended.tenantId, crossings);
    return { costMicros };
  }, COST_TX);
}

export async function releaseCost(reservationId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const ended = await endReservation(tx, reservationId, "released");
    if (!ended) return false;
    await lockPeriods(tx, ended.periodIds);
    await tx.$executeRaw`UPDATE "BudgetPeriod" SET "reservedMicros" = "reservedMicros" - ${ended.amountMicros} WHERE id = ANY(${ended.periodIds})`;
    return true;
  }, COST_TX);
}

async function endReservation(tx: Tx, id: string, state: "settled" | "released"): Promise<Ended | null> {
  const rows = await tx.$queryRaw<Ended[]>`
    UPDATE "CostReservation" SET state = ${state}, "endedAt" = now() WHERE id = ${id} AND state = 'held'
    RETURNING "tenantId", "runId", kind, subject, "amountMicros", "priceId", defaulted, "periodIds"`;
  return rows[0] ?? null;
}

async function lockPeriods(tx: Tx, ids: string[]): Promise<Period[]> {
  if (ids.length === 0) return [];
  return tx.$queryRaw<Period[]>`
    SELECT bp.id, bp."budgetId", bp."periodKey", bp."spentMicros", bp.alerted, b.name, b.scope, b.mode, b."limitMicros", b.thresholds
    FROM "BudgetPeriod" bp JOIN "Budget" b ON b.id = bp."budgetId" WHERE bp.id = ANY(${ids}) ORDER BY bp.id FOR UPDATE OF bp`;
}

function crossed(bp: Period, spent: bigint): ThresholdCrossing[] {
  return bp.thresholds
    .filter((t) => !bp.alerted.includes(t) && spent * 100n >= bp.limitMicros * BigInt(t))
    .map((t) => ({ periodId: bp.id, budgetId: bp.budgetId, budgetName: bp.name, scope: bp.scope, mode: bp.mode, periodKey: bp.periodKey, threshold: t, spentMicros: spent, limitMicros: bp.limitMicros }));
}
