// Figure (l): the runs console's first page over 100,000 runs of one tenant (and 20,000 of another
// tenant around them), with each filter the console offers and a few combined, plus the second
// page through the keyset cursor. Timed: listRuns as the API calls it (page of 50 and the
// repository names of its rows).
// Baseline: its SQL run raw. The statements one listRuns call of each case sends (recorded as the
// pg driver receives them) are sent again with the same parameters over a plain pg connection as
// the same role, alternately with listRuns call by call; what the ratio shows is Prisma's and
// listRuns' own share.
import { performance } from "node:perf_hooks";
import { loadUserActor } from "../server/auth/load-user-actor";
import { scopeFor } from "../server/authz/scope";
import { db } from "../server/db/client";
import { readContext } from "../server/core/read-context";
import { loadPolicySets } from "../server/policy/load-policy-sets";
import { listRuns } from "../server/runs/list-runs";
import { ZRunFilter } from "../server/runs/run-input";
import { timeAgainstRawSql } from "./against-raw-sql";
import { figure } from "./figure";
import { fmt, heading, ms, summarise, target } from "./stats";

const RUNS = 40;
const DAY = 86_400_000;

// Runs (and one task each) made in the database itself: states, repositories, classes, requesters,
// campaigns and times spread deterministically from the row number.
const SEED = `
WITH r AS (SELECT g, $1::text AS tenant FROM generate_series(1, $2::int) g)
INSERT INTO "Task" (id, "tenantId", "repositoryId", "taskClass", "agentKind", recipe, instruction, autonomy, "requesterLabel", "campaignId", "createdAt")
SELECT $3 || '-t-' || g, tenant, ($4::text[])[1 + g % array_length($4::text[], 1)],
  ($5::text[])[1 + g % 7], 'recipe', 'apiVersion: fleetgate/v1', 'bench', 'dry_run_patch', 'requester-' || (g % 30) || '@bench.test',
  CASE WHEN g % 10 < 3 THEN 'campaign-' || (g % 10) END, now() - make_interval(secs => (g * 7919 % (90 * 86400)))
FROM r;
`;
const SEED_RUNS = `
INSERT INTO "Run" (id, "tenantId", "taskId", "repositoryId", "taskClass", "requesterLabel", "campaignId", state, "failureClass", "queuedAt", "startedAt", "finishedAt", "updatedAt")
SELECT $2 || '-r-' || substr(t.id, length($2) + 4), t."tenantId", t.id, t."repositoryId", t."taskClass", t."requesterLabel", t."campaignId",
  s.state::"RunState", CASE WHEN s.state = 'failed' THEN 'verifier_failed'::"RunFailureClass" END, t."createdAt", t."createdAt" + interval '2 seconds',
  CASE WHEN s.state IN ('succeeded', 'failed', 'cancelled') THEN t."createdAt" + interval '40 seconds' END, t."createdAt"
FROM "Task" t, LATERAL (SELECT CASE
    WHEN t."createdAt" > now() - interval '10 minutes' THEN (ARRAY['queued', 'running', 'awaiting_approval'])[1 + abs(hashtext(t.id)) % 3]
    WHEN abs(hashtext(t.id)) % 100 < 80 THEN 'succeeded' WHEN abs(hashtext(t.id)) % 100 < 97 THEN 'failed' ELSE 'cancelled' END AS state) s
WHERE t."tenantId" = $1 AND t.id LIKE $2 || '-t-%';
`;

export async function benchRunsList(total = 100_000): Promise<void> {
  heading(`(l) runs list over ${fmt(total)} runs of one tenant (+${fmt(total / 5)} of another): first page of 50 with filters, ${RUNS} runs each`);
  const classes = ["dependency_patch_minor", "dependency_major_upgrade", "config_migration", "test_generation", "docs_update", "refactor", "ci_workflow_change"];
  const seeded: { id: string; repos: string[] }[] = [];
  const started = performance.now();
  for (const [i, n] of [[0, total], [1, total / 5]] as const) {
    const tenant = await db.tenant.create({ data: { slug: `bench-runs-${i}`, name: `Bench runs ${i}` }, select: { id: true } });
    const repos = await Promise.all(Array.from({ length: 50 }, (_, k) => db.repository.create({ data: { tenantId: tenant.id, owner: "bench", name: `service-${k}` }, select: { id: true } })));
    const prefix = `b${i}`;
    await db.$executeRawUnsafe(SEED, tenant.id, n, prefix, repos.map((r) => r.id), classes);
    await db.$executeRawUnsafe(SEED_RUNS, tenant.id, prefix);
    seeded.push({ id: tenant.id, repos: repos.map((r) => r.id) });
  }
  await db.$executeRawUnsafe(`ANALYZE "Run"`);
  console.log(`  seeded in ${fmt((performance.now() - started) / 1000, 1)} s`);

  const tenant = seeded[0]!;
  const user = await db.user.create({ data: { email: "runs-viewer@bench.test", name: "Runs viewer" }, select: { id: true } });
  await db.membership.create({ data: { tenantId: tenant.id, userId: user.id, roles: ["viewer"] } });
  const actor = (await loadUserActor(user.id))!;
  const scope = scopeFor(actor, { id: tenant.id, slug: "bench-runs-0", name: "Bench runs 0", status: "active" }, await loadPolicySets(db, tenant.id))!;
  const ctx = readContext(scope);
  const firstPage = await listRuns(ctx, ZRunFilter.parse({ view: "all" }));
  const weekAgo = new Date(Date.now() - 7 * DAY).toISOString();
  const cases: [string, Record<string, unknown>][] = [
    ["open runs (the default view)", {}],
    ["all runs", { view: "all" }],
    ["state=failed", { state: "failed" }],
    ["repository", { view: "all", repositoryId: tenant.repos[7] }],
    ["task class", { view: "all", taskClass: "docs_update" }],
    ["campaign", { view: "all", campaignId: "campaign-2" }],
    ["requester", { view: "all", requester: "requester-11@bench.test" }],
    ["last 7 days", { view: "all", from: weekAgo }],
    ["repository + state=succeeded", { state: "succeeded", repositoryId: tenant.repos[3] }],
    ["task class + requester + 30 days", { view: "all", taskClass: "refactor", requester: "requester-4@bench.test", from: new Date(Date.now() - 30 * DAY).toISOString() }],
    ["second page (keyset cursor)", { view: "all", after: firstPage.nextAfter }],
  ];
  const { all, allRaw } = await timeAgainstRawSql(
    cases.map(([label, q]) => { const filter = ZRunFilter.parse(q); return [label, () => listRuns(ctx, filter)] as const; }),
    { runs: RUNS, labelWidth: 34, note: (r) => `${String(r.runs.length).padStart(3)} rows` },
  );
  const [s, r] = [summarise(all), summarise(allRaw)];
  console.log(`  every filter together: p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, max ${ms(s.max)}: ${target(s.p95 < 200, "p95 < 200 ms")}`);
  const is = "the same SQL statements and parameters sent raw through pg";
  figure("(l) runs list p50, every filter", s.p50, "ms", { value: r.p50, is });
  figure("(l) runs list p95, every filter", s.p95, "ms", { value: r.p95, is });
}
