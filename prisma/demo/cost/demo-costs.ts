// The demo's costs as the worker records them: each model call, sandbox command and verifier step
// priced with the version in force when it ended (priceInForce; costOf), against its run's team,
// repository, campaign and task class. For the demo's model-agent runs (demo-cost-plan.ts) and for
// the recipe runs the demo wrote before (its pull requests' and campaigns' runs: a recipe calls no
// model, so they cost their `run` steps' sandbox time and their verifier steps).
import type { Tx } from "../../../server/db/client";
import type { CostWork } from "../../../server/cost/cost-work";
import { priceInForce, type PriceInForce, type PriceKind } from "../../../server/cost/price-in-force";
import { costOf, type Measured } from "../../../server/cost/record-cost";
import type { CostRecord } from "../../../server/cost/record-costs";
import type { CostKind } from "../../../server/cost/reserve-cost";
import { parseRecipe } from "../../../server/runs/recipe-schema";
import { random } from "../decision-traffic";

const RESOURCE: Record<Exclude<CostKind, "model">, string> = { sandbox: "sandbox_second", verifier: "verifier_minute" };

/**
 * priceInForce for many moments: a price changes only at some version's effectiveFrom, so the
 * answer is asked once per subject and stretch between two such moments.
 */
export async function demoPricer(tx: Tx, tenantId: string) {
  const starts = (await tx.$queryRaw<{ at: Date }[]>`SELECT DISTINCT "effectiveFrom" AS at FROM "Price" WHERE scope IN ('platform', ${tenantId}) ORDER BY 1`).map((r) => r.at.getTime());
  const known = new Map<string, PriceInForce>();
  return async (kind: CostKind, model: string | null, at: Date): Promise<{ subject: string; price: PriceInForce }> => {
    const subject = kind === "model" ? model! : RESOURCE[kind];
    const stretch = starts.filter((s) => s <= at.getTime()).length;
    const key = `${kind}:${subject}:${stretch}`;
    let price = known.get(key);
    if (!price) {
      const found = await priceInForce(tx, tenantId, (kind === "model" ? "model" : "resource") as PriceKind, subject, at);
      if (!found.ok) throw new Error(`the demo's costs need a price: ${found.message}`);
      price = found.price;
      known.set(key, price);
    }
    return { subject, price };
  };
}
export type DemoPricer = Awaited<ReturnType<typeof demoPricer>>;

/** One cost as recordCost takes it, priced now. */
export async function costRecord(pricer: DemoPricer, work: CostWork, kind: CostKind, model: string | null, measured: Measured, at: Date): Promise<CostRecord> {
  const { subject, price } = await pricer(kind, model, at);
  return { work, entry: { kind, subject, priceId: price.id, defaulted: price.defaulted, measured, costMicros: costOf(kind, price, measured), at } };
}

type RecipeRun = { id: string; tenantId: string; teamId: string | null; repositoryId: string; campaignId: string | null; taskClass: string; startedAt: Date | null; recipe: string | null };

/** The demo's recipe runs that have no cost yet: these runs' ids, and every run of these campaigns. */
export async function recipeRunCosts(tx: Tx, pricer: DemoPricer, tenantId: string, runIds: string[], campaignIds: string[]): Promise<CostRecord[]> {
  const runs = await tx.$queryRaw<RecipeRun[]>`
    SELECT r.id, r."tenantId", rp."teamId", r."repositoryId", r."campaignId", r."taskClass", r."startedAt", t.recipe
    FROM "Run" r JOIN "Task" t ON t.id = r."taskId" LEFT JOIN "Repository" rp ON rp.id = r."repositoryId"
    WHERE r."tenantId" = ${tenantId} AND (r.id = ANY(${runIds}) OR r."campaignId" = ANY(${campaignIds})) AND t."agentKind" = 'recipe' AND r."startedAt" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "CostEntry" e WHERE e."runId" = r.id)
    ORDER BY r."queuedAt", r.id`;
  if (!runs.length) return [];
  const verifierSteps = await tx.runEvent.findMany({ where: { runId: { in: runs.map((r) => r.id) }, kind: "verifier" }, select: { runId: true, at: true, data: true }, orderBy: [{ runId: "asc" }, { seq: "asc" }] });
  const records: CostRecord[] = [];
  for (const r of runs) {
    const work: CostWork = { tenantId: r.tenantId, runId: r.id, teamId: r.teamId, repositoryId: r.repositoryId, campaignId: r.campaignId, taskClass: r.taskClass };
    const parsed = r.recipe ? parseRecipe(r.recipe) : null;
    const commands = parsed?.ok ? parsed.recipe.steps.filter((s) => s.run).length : 0;
    // The recipe's checks run while the run is running (its timeline's first ten seconds after the clone).
    const next = random(parseInt(r.id.slice(-6), 36) || 1);
    for (let i = 0; i < commands; i++) {
      const quantityMs = Math.round(120 + next() * 600);
      records.push(await costRecord(pricer, work, "sandbox", null, { quantityMs }, new Date(r.startedAt!.getTime() + 8_000 + i * 2_000 + quantityMs)));
    }
    for (const v of verifierSteps.filter((e) => e.runId === r.id)) {
      const durationMs = Number((v.data as { durationMs?: unknown } | null)?.durationMs ?? 0);
      if (durationMs > 0) records.push(await costRecord(pricer, work, "verifier", null, { quantityMs: durationMs }, v.at));
    }
  }
  return records;
}
