// Each wave's progress, in one pass over its targets with their task's latest run and changeset.
// A target is finished when it has a final outcome: its latest run ended (succeeded, failed,
// cancelled) or its admission was refused; and a run that succeeded in a publishing mode has its
// changeset past publication: a PR opened, or ended, frozen or refused (not yet written, unpublished,
// publishing, held under a cap or waiting for a publication approval is not finished). A
// local_branch changeset stays unpublished by design, and that is its end. An open PR is finished
// once its checks have completed (passing or failing), so the CI gate judges the wave's real CI:
// checks still pending wait, and a PR with no check reported waits CHECKS_GRACE_MINUTES after it
// opened (CI may not have started yet) before it counts as a repository without CI.
import { Prisma, type Tx } from "../db/client";

const PUBLISHING_MODES = Prisma.sql`('local_branch', 'draft_pr', 'supervised_pr', 'autonomous_pr')`;
const WAITING_TO_PUBLISH = Prisma.sql`(
  (lr.state = 'succeeded' AND cs.id IS NULL AND k.autonomy IN ${PUBLISHING_MODES})
  OR cs.state::text IN ('publishing', 'held', 'awaiting_approval')
  OR (cs.state = 'unpublished' AND cs.mode <> 'local_branch'))`;
export const CHECKS_GRACE_MINUTES = 10;
const WAITING_FOR_CHECKS = Prisma.sql`(
  cs."prNumber" IS NOT NULL AND cs.state::text IN ('draft', 'open', 'edited', 'needs_human', 'blocked')
  AND (cs."checksState" = 'pending' OR (cs."checksState" = 'none' AND cs."openedAt" > now() - make_interval(mins => ${CHECKS_GRACE_MINUTES}))))`;
const FINISHED = Prisma.sql`(
  ((lr.id IS NOT NULL AND lr.state IN ('succeeded', 'failed', 'cancelled')) OR (lr.id IS NULL AND t."taskId" IS NOT NULL AND t."admissionError" IS NOT NULL))
  AND NOT coalesce(${WAITING_TO_PUBLISH}, false) AND NOT coalesce(${WAITING_FOR_CHECKS}, false))`;

export type WaveCounts = {
  index: number; targets: number; finished: number; succeeded: number; failed: number; active: number; refused: number;
  prsOpen: number; merged: number; closed: number; waitingToPublish: number; waitingForChecks: number;
};

/** Counts per wave (of those with eligible targets), by index; only: one wave. */
export async function waveProgress(tx: Tx, tenantId: string, campaignId: string, only?: number): Promise<Map<number, WaveCounts>> {
  const rows = await tx.$queryRaw<WaveCounts[]>`
    SELECT t."waveIndex" AS index,
      count(*)::int AS targets,
      count(*) FILTER (WHERE ${FINISHED})::int AS finished,
      count(*) FILTER (WHERE lr.state = 'succeeded')::int AS succeeded,
      count(*) FILTER (WHERE lr.state = 'failed')::int AS failed,
      count(*) FILTER (WHERE lr.state IN ('queued', 'preparing', 'running', 'verifying', 'awaiting_approval'))::int AS active,
      count(*) FILTER (WHERE lr.id IS NULL AND t."admissionError" IS NOT NULL)::int AS refused,
      count(*) FILTER (WHERE cs."prNumber" IS NOT NULL AND cs.state::text IN ('draft', 'open', 'edited', 'needs_human', 'blocked'))::int AS "prsOpen",
      count(*) FILTER (WHERE cs.state = 'merged')::int AS merged,
      count(*) FILTER (WHERE cs.state = 'closed')::int AS closed,
      count(*) FILTER (WHERE coalesce(${WAITING_TO_PUBLISH}, false))::int AS "waitingToPublish",
      count(*) FILTER (WHERE coalesce(${WAITING_FOR_CHECKS}, false))::int AS "waitingForChecks"
    FROM "CampaignTarget" t
    LEFT JOIN "Task" k ON k.id = t."taskId"
    LEFT JOIN LATERAL (
      SELECT r.id, r.state::text AS state FROM "Run" r WHERE r."taskId" = t."taskId" ORDER BY r."queuedAt" DESC, r.id DESC LIMIT 1
    ) lr ON true
    LEFT JOIN "Changeset" cs ON cs."taskId" = t."taskId"
    WHERE t."tenantId" = ${tenantId} AND t."campaignId" = ${campaignId} AND t.eligible AND t."waveIndex" IS NOT NULL
      ${only === undefined ? Prisma.empty : Prisma.sql`AND t."waveIndex" = ${only}`}
    GROUP BY t."waveIndex"
    ORDER BY t."waveIndex"`;
  return new Map(rows.map((r) => [r.index, r]));
}
