// The detection step's reconciler (every 30 s, maintenance queue). A campaign PR merged on a
// repository asks for a detection there: the default branch just changed, and the burndown by code
// should say whether the change is now in. This reads merges from PostgreSQL rather than hooking
// the webhook handlers, so a merge found by the changeset reconciler counts too and the GitHub
// domain knows nothing of campaigns. It also enqueues again the pending detections whose job was
// lost (Redis keeps nothing across a restart).
import { db } from "../db/client";
import { logger } from "../log/logger";
import { storedSpec } from "./read-campaign-spec";
import { enqueueDetection } from "./detection-jobs";
import { detectionOf } from "./request-detections";

// Merges older than this are history the launch baseline and later detections already cover.
const MERGE_HORIZON_DAYS = 7;
const LOST_AFTER_MS = 60_000;
const BATCH = 200;

export async function reconcileDetections(): Promise<{ afterMerge: number; requeued: number }> {
  const afterMerge = await detectAfterMerges();
  const lost = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM "CampaignDetection"
    WHERE outcome = 'pending' AND "requestedAt" < now() - make_interval(secs => ${LOST_AFTER_MS / 1000})
      AND ("startedAt" IS NULL OR "startedAt" < now() - interval '15 minutes')
    ORDER BY "requestedAt" LIMIT ${BATCH}`;
  // A new job id per minute: the lost job's id may still be remembered by the queue.
  const key = `r${Math.floor(Date.now() / 60_000)}`;
  for (const { id } of lost) await enqueueDetection(id, key).catch((e: Error) => logger.warn("detection not enqueued", { detection: id, error: e.message }));
  return { afterMerge, requeued: lost.length };
}

async function detectAfterMerges(): Promise<number> {
  // Campaign changesets merged with no detection of their target asked for since; only campaigns
  // whose spec or recipe mentions a detection step (confirmed below, per campaign).
  const rows = await db.$queryRaw<{ targetId: string; repositoryId: string; campaignId: string; tenantId: string }[]>`
    SELECT t.id AS "targetId", t."repositoryId", t."campaignId", t."tenantId"
    FROM "Changeset" cs
    JOIN "CampaignTarget" t ON t."campaignId" = cs."campaignId" AND t."repositoryId" = cs."repositoryId"
    JOIN "Campaign" c ON c.id = cs."campaignId"
    WHERE cs.state = 'merged' AND cs."campaignId" IS NOT NULL
      AND cs."mergedAt" > now() - make_interval(days => ${MERGE_HORIZON_DAYS})
      AND (c.spec ? 'detection' OR c."specYaml" LIKE '%detection%')
      AND NOT EXISTS (SELECT 1 FROM "CampaignDetection" d WHERE d."targetId" = t.id AND d."requestedAt" >= cs."mergedAt")
    LIMIT ${BATCH}`;
  if (!rows.length) return 0;
  const campaigns = await db.campaign.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.campaignId))] } }, select: { id: true, spec: true, specYaml: true } });
  const detects = new Set(campaigns.filter((c) => {
    try {
      return detectionOf(storedSpec(c.spec, c.specYaml).spec) !== null;
    } catch {
      return false;
    }
  }).map((c) => c.id));
  const wanted = rows.filter((r) => detects.has(r.campaignId));
  if (!wanted.length) return 0;
  const created = await db.campaignDetection.createManyAndReturn({
    data: wanted.map((r) => ({ tenantId: r.tenantId, campaignId: r.campaignId, targetId: r.targetId, repositoryId: r.repositoryId, trigger: "merge", requestedBy: "system: a campaign PR merged" })),
    select: { id: true },
  });
  for (const { id } of created) await enqueueDetection(id).catch((e: Error) => logger.warn("detection not enqueued; the reconciler will", { detection: id, error: e.message }));
  return created.length;
}
