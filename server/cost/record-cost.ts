// Writes one costed thing: the entry (with the price version it was costed with, never rewritten),
// the exact daily rollup the dashboards read, and the run's running total. Always inside the
// caller's transaction, so the three never disagree.
import type { Tx } from "../db/client";
import type { CostWork } from "./cost-work";
import { isResourceSubject, modelCost, resourceCost } from "./money";
import type { PriceInForce } from "./price-in-force";
import type { CostKind } from "./reserve-cost";

/** What the work really used: tokens for a model call, wall milliseconds for a sandbox command or verifier step. */
export type Measured = { inputTokens?: number; outputTokens?: number; cachedTokens?: number; quantityMs?: number; latencyMs?: number };

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
  const tokensIn = m.inputTokens ?? 0;
  const tokensOut = m.outputTokens ?? 0;
  const model = entry.kind === "model";
  // One statement: the entry, the run's total (no row when the cost is not a run's) and the rollup.
  await tx.$executeRaw`
    WITH entry AS (
      INSERT INTO "CostEntry" (id, "tenantId", "runId", "reservationId", kind, subject, "priceId", defaulted, expired, "inputTokens", "outputTokens", "cachedTokens", quantity, "latencyMs", "costMicros", "teamId", "repositoryId", "campaignId", "taskClass", at)
      VALUES (gen_random_uuid()::text, ${work.tenantId}, ${work.runId}, ${entry.reservationId ?? null}, ${entry.kind}, ${entry.subject}, ${entry.priceId}, ${entry.defaulted}, ${entry.expired ?? false},
              ${tokensIn}, ${tokensOut}, ${m.cachedTokens ?? 0}, ${Math.ceil(m.quantityMs ?? 0)}, ${m.latencyMs == null ? null : Math.round(m.latencyMs)}, ${entry.costMicros},
              ${work.teamId}, ${work.repositoryId}, ${work.campaignId}, ${work.taskClass}, ${entry.at})
      RETURNING 1),
    run AS (
      UPDATE "Run" SET "costMicros" = "costMicros" + ${entry.costMicros},
        "modelCalls" = "modelCalls" + ${model && !entry.expired ? 1 : 0}, "inputTokens" = "inputTokens" + ${tokensIn}, "outputTokens" = "outputTokens" + ${tokensOut}
      WHERE id = ${work.runId}::text
      RETURNING 1)
    INSERT INTO "CostDaily" ("tenantId", day, "teamId", "campaignId", "repositoryId", "taskClass", kind, subject, "costMicros", entries, "inputTokens", "outputTokens")
    VALUES (${work.tenantId}, (${entry.at}::timestamptz AT TIME ZONE 'UTC')::date, ${work.teamId ?? ""}, ${work.campaignId ?? ""}, ${work.repositoryId ?? ""}, ${work.taskClass ?? ""},
            ${entry.kind}, ${entry.subject}, ${entry.costMicros}, 1, ${tokensIn}, ${tokensOut})
    ON CONFLICT ("tenantId", day, "teamId", "campaignId", "repositoryId", "taskClass", kind, subject) DO UPDATE SET
      "costMicros" = "CostDaily"."costMicros" + EXCLUDED."costMicros", entries = "CostDaily".entries + 1,
      "inputTokens" = "CostDaily"."inputTokens" + EXCLUDED."inputTokens", "outputTokens" = "CostDaily"."outputTokens" + EXCLUDED."outputTokens"`;
}
