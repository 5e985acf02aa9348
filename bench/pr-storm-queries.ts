// Figure (t): the campaign page's burndowns and the PR-storm dashboard over 10,000 changesets (issue
// 15: p95 < 200 ms). One tenant with 10,000 repositories in 20 teams, one campaign over all of them
// (a task, a run and, for most, a changeset with its events and two detections each), and 2,000
// changesets of another tenant around them. Timed: getCampaignBurndown and getPrStorm as the API
// calls them, with each filter the dashboard offers.
// Baseline: their SQL run raw. The statements one call of each case sends are sent again with the
// same parameters over a plain pg connection, alternately call by call (as figure l does).
import { performance } from "node:perf_hooks";
import pg from "pg";
import { loadUserActor } from "../server/auth/load-user-actor";
import { scopeFor } from "../server/authz/scope";
import { getCampaignBurndown } from "../server/campaigns/get-campaign-burndown";
import { readContext } from "../server/core/read-context";
import { db } from "../server/db/client";
import { loadPolicySets } from "../server/policy/load-policy-sets";
import { getPrStorm } from "../server/pr-storm/get-pr-storm";
import { ZPrStormFilter } from "../server/pr-storm/pr-storm-view";
import { figure } from "./figure";
import { timeAgainstRawSql } from "./against-raw-sql";
import { fmt, heading, ms, summarise, target } from "./stats";

const RUNS = 20;

// $1 tenant, $2 prefix, $3 count, $4 launch time. Row g's fate comes from g: 1 in 20 failed, 1 in 20
// still running, the rest published as held, draft, open (awaiting review or reviewed), merged or closed.
const SEED = [
  `INSERT INTO "Team" (id, "tenantId", slug, name, "updatedAt") SELECT $2 || '-team-' || g, $1, 'team-' || g, 'Team ' || g, now() FROM generate_series(0, 19) g`,
  `INSERT INTO "Repository" (id, "tenantId", owner, name, "teamId", "updatedAt") SELECT $2 || '-repo-' || g, $1, 'bench', 'service-' || g, $2 || '-team-' || (g % 20), now() FROM generate_series(1, $3::int) g`,
  `INSERT INTO "Campaign" (id, "tenantId", name, "specYaml", spec, state, "ownerLabel", "updatedAt", "createdAt", "launchedAt", "targetCount", "eligibleCount")
   VALUES ($2 || '-c', $1, 'bench-' || $2, '', jsonb_build_object('detection', jsonb_build_object('argv', jsonb_build_array('true'))), 'running', 'bench', now(), $4::timestamptz, $4::timestamptz, $3::int, $3::int)`,
  `INSERT INTO "Task" (id, "tenantId", "repositoryId", "taskClass", "agentKind", instruction, autonomy, "requesterLabel", "campaignId", "createdAt")
   SELECT $2 || '-t-' || g, $1, $2 || '-repo-' || g, 'docs_update', 'recipe', 'bench', 'draft_pr', 'bench', $2 || '-c', $4::timestamptz + make_interval(mins => g % 2000) FROM generate_series(1, $3::int) g`,
  `INSERT INTO "CampaignTarget" (id, "tenantId", "campaignId", "repositoryId", eligible, "waveIndex", "taskId") SELECT $2 || '-tg-' || g, $1, $2 || '-c', $2 || '-repo-' || g, true, g % 5, $2 || '-t-' || g FROM generate_series(1, $3::int) g`,
  `INSERT INTO "Run" (id, "tenantId", "taskId", "repositoryId", "taskClass", "requesterLabel", "campaignId", state, "queuedAt", "finishedAt", "updatedAt")
   SELECT $2 || '-r-' || g, $1, t.id, t."repositoryId", 'docs_update', 'bench', t."campaignId",
     (CASE g % 20 WHEN 0 THEN 'failed' WHEN 1 THEN 'running' ELSE 'succeeded' END)::"RunState", t."createdAt", CASE WHEN g % 20 <> 1 THEN t."createdAt" + interval '20 minutes' END, now()
   FROM generate_series(1, $3::int) g JOIN "Task" t ON t.id = $2 || '-t-' || g`,
  `INSERT INTO "Changeset" (id, "tenantId", "taskId", "repositoryId", "runId", "campaignId", "taskClass", mode, state, branch, "baseBranch", "riskScore", "riskParts",
     "reviewState", "prNumber", "openedAt", "mergedAt", "closedAt", "heldAt", "holdKind", "flagReason", "lastEventAt", "createdAt", "updatedAt")
   SELECT $2 || '-cs-' || g, $1, t.id, t."repositoryId", $2 || '-r-' || g, t."campaignId", 'docs_update', 'draft_pr', s.state::"ChangesetState", 'fleetgate/b-' || g, 'main', 1, '[]',
     CASE WHEN g % 3 = 0 THEN 'approved' ELSE 'review_required' END, CASE WHEN s.state <> 'held' THEN g END,
     CASE WHEN s.state <> 'held' THEN t."createdAt" + interval '1 hour' END,
     CASE WHEN s.state = 'merged' THEN t."createdAt" + make_interval(hours => 2 + g % 200) END,
     CASE WHEN s.state IN ('merged', 'closed') THEN t."createdAt" + make_interval(hours => 2 + g % 200) END,
     CASE WHEN s.state = 'held' THEN t."createdAt" + interval '30 minutes' END,
     CASE WHEN s.state = 'held' THEN (ARRAY['tenant_budget', 'team_open', 'team_review', 'repository', 'wave', 'schedule'])[1 + g % 6] END,
     CASE WHEN s.state = 'held' THEN 'held: team ' || (g % 20) || ' is at its cap' END,
     t."createdAt" + make_interval(hours => 1 + g % 300), t."createdAt" + interval '25 minutes', now()
   FROM generate_series(1, $3::int) g JOIN "Task" t ON t.id = $2 || '-t-' || g,
     LATERAL (SELECT (ARRAY['held', 'draft', 'open', 'open', 'merged', 'merged', 'merged', 'closed', 'open', 'draft'])[1 + (g / 20) % 10] AS state) s
   WHERE g % 20 >= 2`,
  `INSERT INTO "ChangesetEvent" (id, "tenantId", "changesetId", seq, at, kind, "fromState", "toState", message)
   SELECT cs.id || '-e' || e.seq, cs."tenantId", cs.id, e.seq, e.at, e.kind, e.from_::"ChangesetState", e.to_::"ChangesetState", 'bench'
   FROM "Changeset" cs, LATERAL (VALUES
       (1, cs."createdAt", 'publish', NULL, 'publishing'),
       (2, coalesce(cs."openedAt", cs."heldAt"), 'transition', 'publishing', CASE cs.state WHEN 'held' THEN 'held' WHEN 'open' THEN 'open' ELSE 'draft' END),
       (3, cs."closedAt", 'transition', 'draft', cs.state::text)
     ) AS e(seq, at, kind, from_, to_)
   WHERE cs."tenantId" = $1 AND cs.id LIKE $2 || '-cs-%' AND (e.seq < 3 OR cs.state IN ('merged', 'closed'))`,
  `INSERT INTO "CampaignDetection" (id, "tenantId", "campaignId", "targetId", "repositoryId", trigger, outcome, "requestedBy", "requestedAt", at)
   SELECT $2 || '-d-' || g || '-' || k, $1, $2 || '-c', $2 || '-tg-' || g, $2 || '-repo-' || g, CASE k WHEN 1 THEN 'launch' ELSE 'merge' END,
     CASE WHEN k = 1 THEN 'needed' WHEN g % 7 = 0 THEN 'error' ELSE 'done' END, 'bench', $4::timestamptz, $4::timestamptz + make_interval(hours => CASE k WHEN 1 THEN 1 ELSE 3 + g % 200 END)
   FROM generate_series(1, $3::int) g, generate_series(1, 2) k WHERE k = 1 OR (g % 20 >= 2 AND (g / 20) % 10 IN (4, 5, 6))`,
];

async function seed(prefix: string, n: number): Promise<{ tenantId: string; campaignId: string; teamSlug: string; repositoryId: string }> {
  const tenant = await db.tenant.create({ data: { slug: `bench-storm-${prefix}`, name: `Bench PR storm ${prefix}` }, select: { id: true } });
  const launch = new Date(Date.now() - 30 * 86_400_000);
  const params = [tenant.id, prefix, n, launch];
  // Postgres wants exactly the parameters a statement names.
  for (const sql of SEED) await db.$executeRawUnsafe(sql, ...params.slice(0, Math.max(...[...sql.matchAll(/\$(\d)/g)].map((m) => Number(m[1])))));
  return { tenantId: tenant.id, campaignId: `${prefix}-c`, teamSlug: "team-3", repositoryId: `${prefix}-repo-42` };
}

/** url: the bench database as its owner (the application's role may not ANALYZE, and is silently skipped). */
export async function benchPrStorm(url: string, total = 10_000): Promise<void> {
  heading(`(t) campaign burndowns and the PR-storm dashboard over ${fmt(total)} changesets (+${fmt(total / 5)} of another tenant), ${RUNS} runs each`);
  const started = performance.now();
  const t = await seed("s0", total);
  await seed("s1", total / 5);
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  await owner.query(`ANALYZE "Changeset", "ChangesetEvent", "CampaignTarget", "CampaignDetection", "Run", "Repository", "Team"`).finally(() => owner.end());
  console.log(`  seeded in ${fmt((performance.now() - started) / 1000, 1)} s`);
  const user = await db.user.create({ data: { email: "storm-viewer@bench.test", name: "Storm viewer" }, select: { id: true } });
  await db.membership.create({ data: { tenantId: t.tenantId, userId: user.id, roles: ["viewer"] } });
  const scope = scopeFor((await loadUserActor(user.id))!, { id: t.tenantId, slug: "bench-storm-s0", name: "Bench PR storm s0", status: "active" }, await loadPolicySets(db, t.tenantId))!;
  const ctx = readContext(scope);
  const dashboard = (q: Record<string, string>) => () => getPrStorm(ctx, ZPrStormFilter.parse(q));
  const cases: [string, () => Promise<unknown>][] = [
    ["campaign burndowns (60 points)", () => getCampaignBurndown(ctx, t.campaignId, { points: 60 })],
    ["campaign burndowns (200 points)", () => getCampaignBurndown(ctx, t.campaignId, { points: 200 })],
    ["dashboard, 7 days", dashboard({})],
    ["dashboard, 24 hours", dashboard({ range: "24h" })],
    ["dashboard, 90 days", dashboard({ range: "90d" })],
    ["dashboard, one team", dashboard({ team: t.teamSlug })],
    ["dashboard, one repository", dashboard({ repository: t.repositoryId })],
    ["dashboard, the campaign, 30 days", dashboard({ campaign: t.campaignId, range: "30d" })],
  ];
  const { all, allRaw } = await timeAgainstRawSql(cases, { runs: RUNS, labelWidth: 36 });
  const [s, r] = [summarise(all), summarise(allRaw)];
  console.log(`  every case together: p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, max ${ms(s.max)}: ${target(s.p95 < 200, "p95 < 200 ms")}`);
  const is = "the same SQL statements and parameters sent raw through pg, one after another";
  figure("(t) campaign burndowns + PR-storm dashboard p50, 10,000 changesets", s.p50, "ms", { value: r.p50, is });
  figure("(t) campaign burndowns + PR-storm dashboard p95, 10,000 changesets", s.p95, "ms", { value: r.p95, is });
}
