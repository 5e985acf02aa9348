// Figure (w): the cost dashboard over 1,000,000 model calls and 100,000 runs (issue 16: p95 < 200 ms).
// One tenant with 20 teams, 500 repositories, 50 campaigns and 100,000 runs over the last 90 days,
// ten costed model calls each (to the tenant's model endpoint, whose model changed four times: five
// models in turn), their exact daily rollups (CostDaily, summed from the entries), merged pull
// requests for a third of the succeeded runs, and budgets of every scope; a tenant a tenth its size
// around it. Timed: getCostDashboard and one CSV as the API calls them, with the filters the page
// offers.
// Baseline: their SQL statements sent raw (as figure t); beside it, the same question (spend by team
// and day over 30 days) asked of the million CostEntry rows without the rollups.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { loadUserActor } from "../server/auth/load-user-actor";
import { scopeFor } from "../server/authz/scope";
import { readContext } from "../server/core/read-context";
import { ZCostExportQuery, ZCostFilter } from "../server/cost/cost-filter";
import { exportCostCsv } from "../server/cost/export-cost-csv";
import { getCostDashboard } from "../server/cost/get-cost-dashboard";
import { db } from "../server/db/client";
import { loadPolicySets } from "../server/policy/load-policy-sets";
import { timeAgainstRawSql } from "./against-raw-sql";
import { figure } from "./figure";
import { fmt, heading, ms, summarise, target } from "./stats";

const RUNS = 20;
const CALLS_PER_RUN = 10;
const MODELS = ["gpt-4o", "gpt-4o-mini", "claude-sonnet", "claude-haiku", "llama-70b"];

// $1 tenant, $2 prefix, $3 runs. Run g: repository g % 500 (team its % 20), campaign g % 50 for one
// run in three, queued g minutes-ish back over 90 days; 1 in 20 still running, 3 in 20 failed.
const SEED = [
  `INSERT INTO "Team" (id, "tenantId", slug, name, "updatedAt") SELECT $2 || '-team-' || g, $1, 'team-' || g, 'Team ' || g, now() FROM generate_series(0, 19) g`,
  `INSERT INTO "Repository" (id, "tenantId", owner, name, "teamId", "updatedAt") SELECT $2 || '-repo-' || g, $1, 'bench', 'service-' || g, $2 || '-team-' || (g % 20), now() FROM generate_series(0, 499) g`,
  `INSERT INTO "Campaign" (id, "tenantId", name, "specYaml", spec, state, "ownerLabel", "updatedAt", "createdAt", "launchedAt")
   SELECT $2 || '-c-' || g, $1, 'campaign-' || g, '', '{}', 'running', 'bench', now(), now() - interval '95 days', now() - interval '90 days' FROM generate_series(0, 49) g`,
  `INSERT INTO "Price" (id, scope, "tenantId", kind, subject, version, "inputMicros", "outputMicros", "effectiveFrom", "createdByLabel")
   SELECT $2 || '-price-' || m, $1, $1, 'model', m, 1, 2500000, 10000000, now() - interval '1 year', 'bench' FROM unnest(${sqlArray(MODELS)}::text[]) m`,
  `INSERT INTO "Task" (id, "tenantId", "repositoryId", "taskClass", "agentKind", instruction, autonomy, "requesterLabel", "campaignId", "createdAt")
   SELECT $2 || '-t-' || g, $1, $2 || '-repo-' || (g % 500), (ARRAY['dependency_patch_minor','dependency_major_upgrade','config_migration','test_generation','docs_update','refactor','ci_workflow_change'])[1 + g % 7],
     'model', 'bench', 'draft_pr', 'bench', CASE WHEN g % 3 = 0 THEN $2 || '-c-' || (g % 50) END, now() - make_interval(secs => (g::float8 / $3::int) * 90 * 86400)
   FROM generate_series(1, $3::int) g`,
  // A run's cost is its calls' cost, computed the same way as the entries below.
  `INSERT INTO "Run" (id, "tenantId", "taskId", "repositoryId", "taskClass", "requesterLabel", "campaignId", state, "failureClass", "queuedAt", "finishedAt", "updatedAt", "modelCalls", "costMicros")
   SELECT $2 || '-r-' || g, $1, t.id, t."repositoryId", t."taskClass", 'bench', t."campaignId",
     (CASE WHEN g % 20 = 1 THEN 'running' WHEN g % 20 IN (2, 3, 4) THEN 'failed' ELSE 'succeeded' END)::"RunState",
     (CASE WHEN g % 20 IN (2, 3, 4) THEN 'agent_error' END)::"RunFailureClass",
     t."createdAt", CASE WHEN g % 20 <> 1 THEN t."createdAt" + interval '20 minutes' END, now(), ${CALLS_PER_RUN},
     (SELECT sum(1000 + ((g * 7 + k * 13) % 5000) * 10) FROM generate_series(1, ${CALLS_PER_RUN}) k)
   FROM generate_series(1, $3::int) g JOIN "Task" t ON t.id = $2 || '-t-' || g`,
  `INSERT INTO "CostEntry" (id, "tenantId", "runId", kind, subject, "priceId", "inputTokens", "outputTokens", quantity, "costMicros", "teamId", "repositoryId", "campaignId", "taskClass", at)
   SELECT $2 || '-e-' || g || '-' || k, $1, $2 || '-r-' || g, 'model', m.subject, $2 || '-price-' || m.subject, 200 + (g * k) % 4000, 50 + (g + k) % 800, 0,
     1000 + ((g * 7 + k * 13) % 5000) * 10, $2 || '-team-' || ((g % 500) % 20), $2 || '-repo-' || (g % 500), CASE WHEN g % 3 = 0 THEN $2 || '-c-' || (g % 50) END,
     (ARRAY['dependency_patch_minor','dependency_major_upgrade','config_migration','test_generation','docs_update','refactor','ci_workflow_change'])[1 + g % 7],
     now() - make_interval(secs => (g::float8 / $3::int) * 90 * 86400) + make_interval(secs => k * 90)
   FROM generate_series(1, $3::int) g, generate_series(1, ${CALLS_PER_RUN}) k,
     LATERAL (SELECT (${sqlArray(MODELS)}::text[])[1 + ((g - 1) * ${MODELS.length}) / $3::int] AS subject) m`,
  // The rollups, exactly as recordCost keeps them: summed from the entries, day after day as they accrue.
  `INSERT INTO "CostDaily" ("tenantId", day, "teamId", "campaignId", "repositoryId", "taskClass", kind, subject, "costMicros", entries, "inputTokens", "outputTokens")
   SELECT "tenantId", (at AT TIME ZONE 'UTC')::date, coalesce("teamId", ''), coalesce("campaignId", ''), coalesce("repositoryId", ''), coalesce("taskClass", ''), kind, subject,
     sum("costMicros"), count(*), sum("inputTokens"), sum("outputTokens")
   FROM "CostEntry" WHERE "tenantId" = $1 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 2`,
  `INSERT INTO "Changeset" (id, "tenantId", "taskId", "repositoryId", "runId", "campaignId", "taskClass", mode, state, branch, "baseBranch", "riskScore", "riskParts", "prNumber", "openedAt", "mergedAt", "closedAt", "createdAt", "updatedAt")
   SELECT $2 || '-cs-' || g, $1, r."taskId", r."repositoryId", r.id, r."campaignId", r."taskClass", 'draft_pr', 'merged', 'fleetgate/b-' || g, 'main', 1, '[]', g,
     r."finishedAt", r."finishedAt" + interval '1 day', r."finishedAt" + interval '1 day', r."finishedAt", now()
   FROM generate_series(1, $3::int) g JOIN "Run" r ON r.id = $2 || '-r-' || g WHERE r.state = 'succeeded' AND g % 3 = 0`,
  `INSERT INTO "Budget" (id, "tenantId", name, scope, "teamId", "campaignId", mode, "limitMicros", period, "createdByLabel", "updatedAt") VALUES
     ($2 || '-b-month', $1, 'Monthly', 'tenant', NULL, NULL, 'hard', 500000000000, 'month', 'bench', now()),
     ($2 || '-b-team', $1, 'Team 3 weekly', 'team', $2 || '-team-3', NULL, 'soft', 5000000000, 'week', 'bench', now()),
     ($2 || '-b-day', $1, 'Daily', 'tenant', NULL, NULL, 'soft', 20000000000, 'day', 'bench', now()),
     ($2 || '-b-camp', $1, 'Campaign 9', 'campaign', NULL, $2 || '-c-9', 'hard', 100000000000, 'campaign', 'bench', now()),
     ($2 || '-b-run', $1, 'Per-run', 'run', NULL, NULL, 'hard', 500000, 'run', 'bench', now())`,
  `INSERT INTO "BudgetPeriod" (id, "tenantId", "budgetId", "periodKey", "startsAt", "spentMicros")
   SELECT $2 || '-bp-' || r.id, $1, $2 || '-b-run', r.id, r."queuedAt", r."costMicros" FROM "Run" r WHERE r."tenantId" = $1`,
];

function sqlArray(values: string[]): string {
  return `ARRAY[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(", ")}]`;
}

async function seed(prefix: string, runs: number): Promise<{ tenantId: string; slug: string }> {
  const slug = `bench-cost-${prefix}`;
  const tenant = await db.tenant.create({ data: { slug, name: `Bench cost ${prefix}` }, select: { id: true } });
  const params = [tenant.id, prefix, runs];
  for (const sql of SEED) await db.$executeRawUnsafe(sql, ...params.slice(0, Math.max(...[...sql.matchAll(/\$(\d)/g)].map((m) => Number(m[1])))));
  return { tenantId: tenant.id, slug };
}

/** url: the bench database as its owner (the application's role may not ANALYZE). */
export async function benchCostDashboard(url: string, runs = 100_000): Promise<void> {
  heading(`(w) the cost dashboard over ${fmt(runs * CALLS_PER_RUN)} model calls and ${fmt(runs)} runs (+ a tenant a tenth its size), ${RUNS} runs each`);
  const started = performance.now();
  const t = await seed("w0", runs);
  await seed("w1", runs / 10);
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  const [{ n: daily }] = (await owner.query(`SELECT count(*)::int AS n FROM "CostDaily" WHERE "tenantId" = $1`, [t.tenantId])).rows as [{ n: number }];
  // As autovacuum leaves tables in steady state: statistics, and the visibility map index-only scans read.
  await owner.query(`VACUUM (ANALYZE) "CostEntry", "CostDaily", "Run", "Changeset", "Budget", "BudgetPeriod", "Repository", "Team", "Campaign"`).finally(() => owner.end());
  console.log(`  seeded in ${fmt((performance.now() - started) / 1000, 1)} s (${fmt(daily)} daily rollup rows for the tenant)`);

  const user = await db.user.create({ data: { email: "cost-auditor@bench.test", name: "Cost auditor" }, select: { id: true } });
  await db.membership.create({ data: { tenantId: t.tenantId, userId: user.id, roles: ["auditor"] } });
  const scope = scopeFor((await loadUserActor(user.id))!, { id: t.tenantId, slug: t.slug, name: "Bench cost w0", status: "active" }, await loadPolicySets(db, t.tenantId))!;
  const ctx = readContext(scope);
  const dashboard = (q: Record<string, string>) => () => getCostDashboard(ctx, ZCostFilter.parse(q));
  const cases: [string, () => Promise<unknown>][] = [
    ["30 days by team", dashboard({})],
    ["7 days by model", dashboard({ range: "7d", groupBy: "model" })],
    ["90 days by repository", dashboard({ range: "90d", groupBy: "repository" })],
    ["this month, one team, by task class", dashboard({ range: "month", team: "team-3", groupBy: "taskClass" })],
    ["90 days, one campaign, by kind", dashboard({ range: "90d", campaign: "w0-c-9", groupBy: "kind" })],
    ["30 days, one model, one repository", dashboard({ model: "gpt-4o", repository: "w0-repo-42" })],
    ["CSV: spend, 90 days by repository", () => exportCostCsv(ctx, ZCostExportQuery.parse({ table: "spend", range: "90d", groupBy: "repository" }))],
  ];
  const { all, allRaw } = await timeAgainstRawSql(cases, { runs: RUNS, labelWidth: 40 });
  const [s, r] = [summarise(all), summarise(allRaw)];
  console.log(`  every case together: p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, max ${ms(s.max)}: ${target(s.p95 < 200, "p95 < 200 ms")}`);

  // The rollups' worth: spend by team and day over 30 days, straight from the entries.
  const scan = new pg.Client({ connectionString: url });
  await scan.connect();
  const scans: number[] = [];
  try {
    for (let i = 0; i < 8; i++) {
      const t0 = performance.now();
      await scan.query(`SELECT (at AT TIME ZONE 'UTC')::date AS day, "teamId", sum("costMicros") FROM "CostEntry" WHERE "tenantId" = $1 AND at >= now() - interval '30 days' GROUP BY 1, 2`, [t.tenantId]);
      scans.push(performance.now() - t0);
    }
  } finally {
    await scan.end();
  }
  const e = summarise(scans.slice(2));
  console.log(`  the same question (spend by team and day, 30 days) over CostEntry without the rollups: p50 ${ms(e.p50)}, p95 ${ms(e.p95)}`);
  const is = "the same SQL statements and parameters sent raw through pg, one after another";
  figure("(w) cost dashboard p50, 1,000,000 model calls + 100,000 runs", s.p50, "ms", { value: r.p50, is });
  figure("(w) cost dashboard p95, 1,000,000 model calls + 100,000 runs", s.p95, "ms", { value: r.p95, is });
}
