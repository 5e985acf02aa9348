// A campaign's two burndowns over the same points, each one set-based query (a campaign of 10,000
// targets answers in tens of milliseconds). By PR state: every launched target's history as a
// sequence of categories (running from its run's queueing; failed when a run ended so before any
// changeset; then its changeset's states), turned into +1/-1 moves per point and summed; the
// eligible targets not in any category are not started.
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
    byPrState: cumulate(b, PR_STATE_CATEGORIES, prMoves).map((p, i) => ({ at: times[i]!, ...p, not_started: Math.max(0, targets - sum(p)) })),
    byCode: {
      detection: detection ? { argv: detection.argv, description: detection.description ?? null, source: detection.source, timeoutSeconds: detection.timeoutSeconds ?? DETECTION_TIMEOUT_SECONDS.default } : null,
      points: code.map((p, i) => ({ at: times[i]!, ...p, unknown: Math.max(0, targets - p.needed - p.done) })),
      errors: status[0]?.errors ?? 0, pending: status[0]?.pending ?? 0, lastAt: status[0]?.lastAt?.toISOString() ?? null,
      recentErrors: recent.map((d) => ({ repository: `${d.target.repository.owner}/${d.target.repository.name}`, at: d.at!.toISOString(), reason: d.reason ?? "" })),
    },
  };
}

const sum = (p: Record<string, number>) => Object.values(p).reduce((a, v) => a + v, 0);

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

/**
 * +1 to the category a target enters and -1 to the one it leaves, per point. A target's first item
 * only enters (it leaves "not started" or "unknown", which the caller counts as the rest). Keys
 * sort in the C collation: the locale's would make the window's sort several times slower.
 */
const movesOf = (items: Prisma.Sql, b: Buckets) => Prisma.sql`
  WITH items AS (${items}),
  seq AS (SELECT at, cat, lag(cat) OVER (PARTITION BY tid COLLATE "C" ORDER BY at, ord) AS prev FROM items)
  SELECT i, key, sum(delta)::int AS delta
  FROM (SELECT ${bucketOf(b, Prisma.sql`at`)} AS i, cat, prev FROM seq WHERE prev IS DISTINCT FROM cat) s
  CROSS JOIN LATERAL (VALUES (cat, 1), (prev, -1)) AS m(key, delta)
  WHERE key IS NOT NULL GROUP BY 1, 2`;

/**
 * A target's history by its task (a target without one has none: not started). Runs count until the
 * task's changeset exists (a follow-up run later does not move the target).
 */
function prStateMoves(s: { tenantId: string; campaignId: string }, b: Buckets): Prisma.Sql {
  return movesOf(Prisma.sql`
    SELECT r."taskId" AS tid, r."queuedAt" AS at, 1 AS ord, 'running' AS cat
      FROM "Run" r LEFT JOIN "Changeset" c ON c."taskId" = r."taskId"
      WHERE r."tenantId" = ${s.tenantId} AND r."campaignId" = ${s.campaignId} AND (c.id IS NULL OR r."queuedAt" < c."createdAt")
    UNION ALL SELECT r."taskId", r."finishedAt", 2, 'failed'
      FROM "Run" r LEFT JOIN "Changeset" c ON c."taskId" = r."taskId"
      WHERE r."tenantId" = ${s.tenantId} AND r."campaignId" = ${s.campaignId} AND r.state IN ('failed', 'cancelled')
        AND r."finishedAt" IS NOT NULL AND (c.id IS NULL OR r."finishedAt" < c."createdAt")
    UNION ALL SELECT cs."taskId", e.at, 3, ${CATEGORY_OF_STATE}
      FROM "Changeset" cs JOIN "ChangesetEvent" e ON e."changesetId" = cs.id
      WHERE cs."tenantId" = ${s.tenantId} AND cs."campaignId" = ${s.campaignId} AND e."toState" IS NOT NULL`, b);
}

function codeMoves(s: { tenantId: string; campaignId: string }, b: Buckets): Prisma.Sql {
  return movesOf(Prisma.sql`
    SELECT d."targetId" AS tid, d.at, 0 AS ord, d.outcome AS cat
    FROM "CampaignDetection" d JOIN "CampaignTarget" t ON t.id = d."targetId" AND t.eligible
    WHERE d."tenantId" = ${s.tenantId} AND d."campaignId" = ${s.campaignId} AND d.at IS NOT NULL AND d.outcome IN ('needed', 'done')`, b);
}
