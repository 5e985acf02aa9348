// Writes one costed thing: the entry (with the price version it was costed with, never rewritten),
// the exact daily rollup the dashboards read, and the run's running total, in one statement
// (fleetgate_cost_record, which settling a reservation writes its cost with), so the three never
// disagree.
import type { Tx } from "../db/client";
import type { CostWork } from "./cost-work";
import { isResourceSubject, modelCost, resourceCost } from "./money";
import type { PriceInForce } from "./price-in-force";
import type { CostKind } from "./reserve-cost";

/** What the work really used: tokens for a model call, wall milliseconds for a sandbox command or verifier step. */
export type Measured = { inputTokens?: number; outputTokens?: number; cachedTokens?: number; quantityMs?: number; latencyMs?: number };

/** What the work cost under a price; settling computes the same in SQL (fleetgate_cost_of, held equal by cost-of-sql.int.test.ts). */
export function costOf(kind: CostKind, price: Pick<PriceInForce, "subject" | "inputMicros" | "outputMicros" | "cachedMicros" | "unitMicros">, m: Measured): bigint {
  if (kind === "model") return modelCost(price, { inputTokens: m.inputTokens ?? 0, outputTokens: m.outputTokens ?? 0, cachedTokens: m.cachedTokens ?? 0 });
  if (!isResourceSubject(price.subject)) throw new Error(`a ${kind} cost needs a resource price, not "${price.subject}"`);
  return resourceCost(price.subject, price.unitMicros, m.quantityMs ?? 0);
}

export async function recordCost(
  tx: Tx,
  work: CostWork,
  entry: { kind: CostKind; subject: string; priceId: string; defaulted: boolean; measured: Measured; costMicros: bigint; at: Date; reservationId?: string; expired?: boolean },
): Promise<void> {
  const m = entry.measured;
  await tx.$executeRaw`
    SELECT fleetgate_cost_record(${work.tenantId}::text, ${work.runId}::text, ${work.teamId}::text, ${work.repositoryId}::text, ${work.campaignId}::text, ${work.taskClass}::text,
      ${entry.reservationId ?? null}::text, ${entry.kind}::text, ${entry.subject}::text, ${entry.priceId}::text, ${entry.defaulted}::boolean, ${entry.expired ?? false}::boolean,
      ${m.inputTokens ?? 0}::int, ${m.outputTokens ?? 0}::int, ${m.cachedTokens ?? 0}::int, ${Math.ceil(m.quantityMs ?? 0)}::int,
      ${m.latencyMs == null ? null : Math.round(m.latencyMs)}::int, ${entry.costMicros}::bigint, ${entry.at}::timestamptz)`;
}
