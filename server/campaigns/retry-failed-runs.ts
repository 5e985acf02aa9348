// "Retry failed": a new attempt of every task of the campaign's started waves whose latest run
// failed, or whose publication failed after its run succeeded, up to BULK_MAX per request (the
// answer says how many remain). Only a running or paused campaign (409 otherwise); a paused one's
// new runs wait in the queue like its others. One audit event lists every run and its outcome.
import { randomBytes } from "node:crypto";
import { actorLabel } from "../authz/scope";
import type { OpContext } from "../core/op-context";
import { Prisma } from "../db/client";
import { startCampaignAttempt } from "./campaign-attempt";
import { BULK_MAX, type ItemOutcome, type RetryFailedResult } from "./campaign-changesets-view";
import { lockCampaign, wrongState } from "./campaign-transitions";

export async function retryFailedRuns(ctx: OpContext, campaignId: string, body: { reason?: string }): Promise<RetryFailedResult> {
  const c = await lockCampaign(ctx, campaignId);
  if (c.state !== "running" && c.state !== "paused") throw wrongState(c.state, "only a running or paused campaign's failed runs can be retried");
  const failed = await ctx.tx.$queryRaw<{ runId: string }[]>`SELECT l.id AS "runId" ${failedOf(c.tenantId, c.id)} ORDER BY t."waveIndex", t.id LIMIT ${BULK_MAX + 1}`;
  const batchId = `retry-${randomBytes(8).toString("hex")}`;
  const cause = `retried by ${actorLabel(ctx.scope.actor)} (retry failed ${batchId} of campaign ${c.name})${body.reason ? `: ${body.reason}` : ""}`.slice(0, 500);
  const results: ItemOutcome[] = [];
  for (const { runId } of failed.slice(0, BULK_MAX)) results.push({ id: runId, ...(await startCampaignAttempt(ctx, runId, cause)) });
  const counts = { done: results.filter((r) => r.outcome === "done").length, skipped: results.filter((r) => r.outcome === "skipped").length };
  const remaining = failed.length > BULK_MAX ? await countRemaining(ctx, c.id, c.tenantId) : 0;
  await ctx.audit({
    action: "campaign.retry_failed", resourceType: "campaign", resourceId: c.id,
    after: { batch: batchId, counts, remaining, reason: body.reason ?? null, items: results.map((r) => ({ run: r.id, outcome: r.outcome, message: r.message, ...(r.runId ? { retriedAs: r.runId } : {}) })) },
  });
  return { batchId, results, counts, remaining };
}

/** The latest runs of the campaign's tasks in started waves that failed, or whose publication did. */
const failedOf = (tenantId: string, campaignId: string) => Prisma.sql`
  FROM "CampaignTarget" t
  JOIN "CampaignWave" w ON w."campaignId" = t."campaignId" AND w.index = t."waveIndex" AND w."startedAt" IS NOT NULL
  JOIN LATERAL (SELECT id, state FROM "Run" WHERE "taskId" = t."taskId" ORDER BY attempt DESC LIMIT 1) l ON true
  LEFT JOIN "Changeset" cs ON cs."taskId" = t."taskId"
  WHERE t."tenantId" = ${tenantId} AND t."campaignId" = ${campaignId} AND t."taskId" IS NOT NULL
    AND (l.state = 'failed' OR (l.state = 'succeeded' AND cs.state = 'failed'))`;

/** Failed runs still without a new attempt once this request's are counted (theirs now have one). */
async function countRemaining(ctx: OpContext, campaignId: string, tenantId: string): Promise<number> {
  const [row] = await ctx.tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n ${failedOf(tenantId, campaignId)}`;
  return row?.n ?? 0;
}
