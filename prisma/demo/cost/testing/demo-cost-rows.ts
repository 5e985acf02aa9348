// What the demo's cost history left in the database, for the seed's integration test: the rollups
// and totals recomputed from the entries (any difference is a row recordCost would not have
// written), each budget's periods against the costs they cover, and the clean-up that gives the
// shared integration database back without them.
import { db } from "../../../../server/db/client";
import { withSuperuser } from "../../../../server/test/superuser-client";
import { ACME_PRICES } from "../demo-budgets";
import { DEMO_BUDGETS, STOPPED_RUN_KEY } from "../seed-demo-cost";
import { historyTaskId } from "../history-runs";

/** CostDaily rows that are not exactly the entries' rollup, either way. */
export async function rollupDifferences(tenantId: string): Promise<number> {
  const [r] = await db.$queryRaw<{ n: number }[]>`
    WITH rolled AS (
      SELECT "tenantId", (at AT TIME ZONE 'UTC')::date AS day, coalesce("teamId", '') AS "teamId", coalesce("campaignId", '') AS "campaignId", coalesce("repositoryId", '') AS "repositoryId",
             coalesce("taskClass", '') AS "taskClass", kind, subject, sum("costMicros")::bigint AS "costMicros", count(*)::int AS entries, sum("inputTokens")::bigint AS "inputTokens", sum("outputTokens")::bigint AS "outputTokens"
      FROM "CostEntry" WHERE "tenantId" = ${tenantId} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8),
    daily AS (SELECT "tenantId", day, "teamId", "campaignId", "repositoryId", "taskClass", kind, subject, "costMicros", entries, "inputTokens", "outputTokens" FROM "CostDaily" WHERE "tenantId" = ${tenantId})
    SELECT ((SELECT count(*) FROM (SELECT * FROM rolled EXCEPT SELECT * FROM daily) a) + (SELECT count(*) FROM (SELECT * FROM daily EXCEPT SELECT * FROM rolled) b))::int AS n`;
  return r!.n;
}

/** Runs whose cost, model calls or tokens are not the sum of their entries. */
export async function runTotalDifferences(tenantId: string): Promise<number> {
  const [r] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "Run" r
    LEFT JOIN (SELECT "runId", sum("costMicros") AS cost, count(*) FILTER (WHERE kind = 'model' AND NOT expired) AS calls, sum("inputTokens") AS tin, sum("outputTokens") AS tout
               FROM "CostEntry" WHERE "tenantId" = ${tenantId} GROUP BY 1) e ON e."runId" = r.id
    WHERE r."tenantId" = ${tenantId} AND (r."costMicros" <> coalesce(e.cost, 0) OR r."modelCalls" <> coalesce(e.calls, 0) OR r."inputTokens" <> coalesce(e.tin, 0) OR r."outputTokens" <> coalesce(e.tout, 0))`;
  return r!.n;
}

/** The tenant's spend three ways: its entries, its daily rollups, its runs. */
export async function spendThreeWays(tenantId: string): Promise<{ entries: bigint; daily: bigint; runs: bigint }> {
  const [r] = await db.$queryRaw<{ entries: bigint; daily: bigint; runs: bigint }[]>`
    SELECT (SELECT coalesce(sum("costMicros"), 0) FROM "CostEntry" WHERE "tenantId" = ${tenantId} AND "runId" IS NOT NULL)::bigint AS entries,
           (SELECT coalesce(sum("costMicros"), 0) FROM "CostDaily" WHERE "tenantId" = ${tenantId})::bigint AS daily,
           (SELECT coalesce(sum("costMicros"), 0) FROM "Run" WHERE "tenantId" = ${tenantId})::bigint AS runs`;
  return r!;
}

/** A budget's spend over its periods, and the sum of the costs it covers since it was made. */
export async function budgetSpend(budgetId: string): Promise<{ periods: bigint; covered: bigint }> {
  const [r] = await db.$queryRaw<{ periods: bigint; covered: bigint }[]>`
    SELECT (SELECT coalesce(sum("spentMicros"), 0) FROM "BudgetPeriod" WHERE "budgetId" = ${budgetId})::bigint AS periods,
           (SELECT coalesce(sum(e."costMicros"), 0) FROM "Budget" b JOIN "CostEntry" e ON e."tenantId" = b."tenantId" AND e.at >= b."createdAt" AND (
              b.scope = 'tenant' OR (b.scope = 'team' AND b."teamId" = e."teamId") OR (b.scope = 'campaign' AND b."campaignId" = e."campaignId") OR (b.scope = 'run' AND e."runId" IS NOT NULL))
            WHERE b.id = ${budgetId})::bigint AS covered`;
  return r!;
}

/** Every generated run's task id (more than a seed makes), for counting and clean-up. */
export const historyTaskIds = (slugs: readonly string[]) => [...slugs.flatMap((s) => Array.from({ length: 2_000 }, (_, i) => historyTaskId(`${s}:${i}`))), historyTaskId(STOPPED_RUN_KEY)];

/** What the cost history holds, to compare before and after a second seed. */
export async function costCounts(tenantIds: string[]) {
  const where = { tenantId: { in: tenantIds } };
  return {
    entries: await db.costEntry.count({ where }),
    daily: (await db.costDaily.aggregate({ where, _sum: { costMicros: true }, _count: true })),
    tasks: await db.task.count({ where: { id: { in: historyTaskIds(["acme", "globex"]) } } }),
    prices: await db.price.count({ where }),
    budgets: await db.budget.findMany({ where, select: { name: true, limitMicros: true, updatedAt: true }, orderBy: { name: "asc" } }),
    periods: await db.budgetPeriod.findMany({ where, select: { periodKey: true, spentMicros: true, alerted: true }, orderBy: [{ budgetId: "asc" }, { periodKey: "asc" }] }),
    notifications: await db.notification.count({ where: { ...where, kind: "budget.threshold_crossed" } }),
  };
}

/** Takes the demo's cost history out again; the daily rollups are rebuilt from the entries that stay. */
export async function removeDemoCost(tenantIds: string[]): Promise<void> {
  const budgets = await db.budget.findMany({ where: { tenantId: { in: tenantIds }, name: { in: Object.values(DEMO_BUDGETS) } }, select: { id: true, periods: { select: { id: true } } } });
  await withSuperuser(async (c) => {
    await c.query(`DELETE FROM "Notification" WHERE kind = 'budget.threshold_crossed' AND split_part("dedupeKey", ':', 2) = ANY($1)`, [budgets.flatMap((b) => b.periods.map((p) => p.id))]);
    await c.query(`DELETE FROM "Budget" WHERE id = ANY($1)`, [budgets.map((b) => b.id)]);
    // The runs' costs go with them (the pull requests' and campaigns' runs are removed by their own clean-up).
    await c.query(`DELETE FROM "Task" WHERE id = ANY($1)`, [historyTaskIds(["acme", "globex"])]);
    const notes = ACME_PRICES.map((p) => p.note);
    await c.query(`DELETE FROM "CostEntry" e USING "Price" p WHERE p.id = e."priceId" AND p."tenantId" = ANY($1) AND p.note = ANY($2)`, [tenantIds, notes]);
    await c.query(`DELETE FROM "Price" WHERE "tenantId" = ANY($1) AND note = ANY($2)`, [tenantIds, notes]);
    await c.query(`DELETE FROM "CostDaily" WHERE "tenantId" = ANY($1)`, [tenantIds]);
    await c.query(`
      INSERT INTO "CostDaily" ("tenantId", day, "teamId", "campaignId", "repositoryId", "taskClass", kind, subject, "costMicros", entries, "inputTokens", "outputTokens")
      SELECT "tenantId", (at AT TIME ZONE 'UTC')::date, coalesce("teamId", ''), coalesce("campaignId", ''), coalesce("repositoryId", ''), coalesce("taskClass", ''), kind, subject,
             sum("costMicros"), count(*), sum("inputTokens"), sum("outputTokens")
      FROM "CostEntry" WHERE "tenantId" = ANY($1) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`, [tenantIds]);
  });
}
