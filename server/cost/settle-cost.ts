// Ends a reservation. settle: the work happened; its real cost (or, when it cannot be known, the
// reserved amount, since the provider may have billed it) moves from reserved to spent and is
// recorded. release: nothing was used; the hold is given back. Each is one statement
// (fleetgate_cost_settle, fleetgate_cost_release; migration 20261211140000_cost_functions) that
// applies once (a conditional update on the reservation) and locks the periods in the same id
// order as reserving. The cost is computed there from the price the work was reserved under, as
// money.ts computes it.
//
// A settle answers the thresholds its periods have passed and not announced yet; only then is
// there a second transaction, announceThresholds, which marks and announces each once. If that
// one fails or the process dies before it, the thresholds stay unmarked, and the next settle in
// the period announces them.
import { db } from "../db/client";
import { logger } from "../log/logger";
import { announceThresholds, type ThresholdCrossing } from "./announce-thresholds";
import type { Measured } from "./record-cost";

type Settled = {
  costMicros: bigint; tenantId: string;
  /** null: no threshold passed (the only row). */
  periodId: string | null; budgetId: string; budgetName: string; scope: string; mode: string; periodKey: string; threshold: number; spentMicros: bigint; limitMicros: bigint;
};

/**
 * Announcing locks the periods' rows, so it queues behind the reservations and settlements of the
 * same budgets: under a burst it waits for a connection and then its turn (Prisma's defaults, 2 s
 * to start and 5 s to finish, would fail it under load rather than make it wait).
 */
const COST_TX = { maxWait: 30_000, timeout: 30_000 } as const;

/**
 * measured null: the work's use is unknown (a request that timed out, a worker that died), so it
 * costs what was reserved. Resolves with the recorded cost, or null when the reservation had
 * already ended.
 */
export async function settleCost(reservationId: string, measured: Measured | null, options: { expired?: boolean; at?: Date } = {}): Promise<{ costMicros: bigint } | null> {
  const m = measured ?? {};
  const rows = await db.$queryRaw<Settled[]>`
    SELECT * FROM fleetgate_cost_settle(${reservationId}::text, ${measured !== null}::boolean,
      ${m.inputTokens ?? 0}::int, ${m.outputTokens ?? 0}::int, ${m.cachedTokens ?? 0}::int, ${Math.ceil(m.quantityMs ?? 0)}::int,
      ${m.latencyMs == null ? null : Math.round(m.latencyMs)}::int, ${options.expired ?? measured === null}::boolean, ${options.at ?? new Date()}::timestamptz)`;
  const first = rows[0];
  if (!first) return null;
  const crossings: ThresholdCrossing[] = rows.flatMap((r) => (r.periodId === null ? [] : [{
    periodId: r.periodId, budgetId: r.budgetId, budgetName: r.budgetName, scope: r.scope, mode: r.mode, periodKey: r.periodKey,
    threshold: r.threshold, spentMicros: r.spentMicros, limitMicros: r.limitMicros,
  }]));
  if (crossings.length) await announce(first.tenantId, crossings);
  return { costMicros: first.costMicros };
}

export async function releaseCost(reservationId: string): Promise<boolean> {
  const [r] = await db.$queryRaw<{ released: boolean }[]>`SELECT fleetgate_cost_release(${reservationId}::text) AS released`;
  return r!.released;
}

/** The cost is in whatever happens here: a failure is logged, and the next settle in the period announces again. */
async function announce(tenantId: string, crossings: ThresholdCrossing[]): Promise<void> {
  try {
    await db.$transaction((tx) => announceThresholds(tx, tenantId, crossings), COST_TX);
  } catch (e) {
    logger.error("budget thresholds were not announced; the next settle in their period announces them", { tenantId, error: (e as Error).message });
  }
}
