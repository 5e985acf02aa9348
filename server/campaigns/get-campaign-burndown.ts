// A campaign's two burndowns over the same points, each one set-based query (a campaign of 10,000
// targets answers in tens of milliseconds). By PR state: every eligible target's history as a
// sequence of categories (not started; running from its run's queueing; failed when a run ended so
// before any changeset; then its changeset's states), turned into +1/-1 moves per point and summed.
// By code: the finished detections that answered (needed or done), the same way; an error keeps
// the target's last answer, and a target never answered is unknown.
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { Prisma } from "../db/generated/client";
import { bucketOf, bucketsBetween, bucketTimes, cumulate, type Buckets } from "../charts/time-buckets";
import { DETECTION_TIMEOUT_SECONDS } from "../runs/detection-schema";
import { CODE_CATEGORIES, PR_STATE_CATEGORIES, type CampaignBurndown } from "./burndown-view";
import { storedSpec } from "./read-campaign-spec";
import { detectionOf } from "./request-detections";

type Move = { i: number; key: string; delta: number };

export async function getCampaignBurndown(ctx: OpContext, campaignId: string, q: { points: number }): Promise<CampaignBurndown> {
  const tenantId = ctx.scope.tenant.id;
  const c = await ctx.tx.campaign.findFirst({ where: { id: campaignId, tenantId }, select: { id: true, spec: true, specYaml: true, createdAt: true, launchedAt: true } });
  if (!c) throw new AppError("not_found", "campaign not found");
  const b = bucketsBetween(c.launchedAt ?? c.createdAt, new Date(), q.points);
  const scope = { tenantId, campaignId: c.id };
  const [targets, prMoves, detected, status, recent] = await Promise.all([
    ctx.tx.campaignTarget.count({ where: { ...scope, eligible: true } }),
    ctx.tx.$queryRaw<Move[]>(prStateMoves(scope, b)),
    ctx.tx.$queryRaw<Move[]>(codeMoves(scope, b)),
    ctx.tx.$queryRaw<{ pending: number; errors: number; lastAt: Date | null }[]>`
      SELECT count(*) FILTER (WHERE outcome = 'pending')::int AS pending, max(at) AS "lastAt",
        (SELECT count(*)::int FROM (
          SELECT DISTINCT ON ("targetId") outcome FROM "CampaignDetection"
          WHERE "tenantId" = ${tenantId} AND "campaignId" = ${c.id} AND at IS NOT NULL ORDER BY "targetId", at DESC
        ) latest WHERE outcome = 'error') AS errors
      FROM "CampaignDetection" WHERE "tenantId" = ${tenantId} AND "campaignId" = ${c.id}`,
    ctx.tx.campaignDetection.findMany({
      where: { ...scope, outcome: "error" }, orderBy: { at: "desc" }, take: 5,
      select: { at: true, reason: true, target: { select: { repository: { select: { owner: true, name: true } } } } },
    }),
  ]);
  const times = bucketTimes(b);
  const detection = detectionReadable(c);
  const code = cumulate(b, CODE_CATEGORIES.filter((k) => k !== "unknown"), detected);
  return {
    campaignId: c.id, targets, stepMs: b.stepMs,
    byPrState: cumulate(b, PR_STATE_CATEGORIES, prMoves).map((p, i) => ({ at: times[i]!, ...p })),
    byCode: {
      detection: detection ? { argv: detection.argv, description: detection.description ?? null, source: detection.source, timeoutSeconds: detection.timeoutSeconds ?? DETECTION_TIMEOUT_SECONDS.default } : null,
      points: code.map((p, i) => ({ at: times[i]!, ...p, unknown: Math.max(0, targets - p.needed - p.done) })),
      errors: status[0]?.errors ?? 0, pending: status[0]?.pending ?? 0, lastAt: status[0]?.lastAt?.toISOString() ?? null,
      recentErrors: recent.map((d) => ({ repository: `${d.target.repository.owner}/${d.target.repository.name}`, at: d.at!.toISOString(), reason: d.reason ?? "" })),
    },
  };
}

function detectionReadable(c: { spec: unknown; specYaml: string }) {
  try {
    return detectionOf(storedSpec(c.spec, c.specYaml).spec);
  } catch {
    return null;
  }
}

/** Where a changeset state leaves its target; a flag before any PR opened is work still in progress. */
const CATEGORY_OF_STATE = Prisma.sql`CASE e."toState"::text
  WHEN 'held' THEN 'held' WHEN 'merged' THEN 'merged' WHEN 'closed' THEN 'closed' WHEN 'failed' THEN 'failed'
  WHEN 'draft' THEN 'pr_open' WHEN 'open' THEN 'pr_open' WHEN 'edited' THEN 'pr_open'
  WHEN 'needs_human' THEN CASE WHEN cs."openedAt" <= e.at THEN 'pr_open' ELSE 'running' END
  WHEN 'blocked' THEN CASE WHEN cs."openedAt" <= e.at THEN 'pr_open' ELSE 'running' END
  ELSE 'running' END`;

/** +1 to the category a target enters and -1 to the one it leaves, per point. */
const movesOf = (items: Prisma.Sql, b: Buckets) => Prisma.sql`
  WITH items AS (${items}),
  seq AS (SELECT at, ord, cat, lag(cat) OVER (PARTITION BY tid ORDER BY at, ord) AS prev FROM items),
  moves AS (
    SELECT at, cat AS key, 1 AS delta FROM seq WHERE prev IS DISTINCT FROM cat
    UNION ALL SELECT at, prev, -1 FROM seq WHERE prev IS NOT NULL AND prev IS DISTINCT FROM cat
  )
  SELECT ${bucketOf(b, Prisma.sql`at`)} AS i, key, sum(delta)::int AS delta FROM moves GROUP BY 1, 2`;

function prStateMoves(s: { tenantId: string; campaignId: string }, b: Buckets): Prisma.Sql {
  // Runs count until the task's changeset exists (a follow-up run later does not move the target).
  return movesOf(Prisma.sql`
    WITH tg AS (SELECT id, "taskId" FROM "CampaignTarget" WHERE "tenantId" = ${s.tenantId} AND "campaignId" = ${s.campaignId} AND eligible),
    cs AS (SELECT id, "taskId", "createdAt", "openedAt" FROM "Changeset" WHERE "tenantId" = ${s.tenantId} AND "campaignId" = ${s.campaignId}),
    runs AS (
      SELECT tg.id AS tid, r."queuedAt", r."finishedAt", r.state::text AS state, cs."createdAt" AS published
      FROM tg JOIN "Run" r ON r."taskId" = tg."taskId" LEFT JOIN cs ON cs."taskId" = tg."taskId"
      WHERE r."tenantId" = ${s.tenantId}
    )
    SELECT id AS tid, timestamptz '1970-01-01 00:00:00+00' AS at, 0 AS ord, 'not_started' AS cat FROM tg
    UNION ALL SELECT tid, "queuedAt", 1, 'running' FROM runs WHERE published IS NULL OR "queuedAt" < published
    UNION ALL SELECT tid, "finishedAt", 2, 'failed' FROM runs
      WHERE state IN ('failed', 'cancelled') AND "finishedAt" IS NOT NULL AND (published IS NULL OR "finishedAt" < published)
    UNION ALL SELECT tg.id, e.at, 3, ${CATEGORY_OF_STATE}
      FROM tg JOIN cs ON cs."taskId" = tg."taskId" JOIN "ChangesetEvent" e ON e."changesetId" = cs.id
      WHERE e."toState" IS NOT NULL`, b);
}

function codeMoves(s: { tenantId: string; campaignId: string }, b: Buckets): Prisma.Sql {
  return movesOf(Prisma.sql`
    SELECT d."targetId" AS tid, d.at, 0 AS ord, d.outcome AS cat
    FROM "CampaignDetection" d JOIN "CampaignTarget" t ON t.id = d."targetId" AND t.eligible
    WHERE d."tenantId" = ${s.tenantId} AND d."campaignId" = ${s.campaignId} AND d.at IS NOT NULL AND d.outcome IN ('needed', 'done')`, b);
}
