// Redis may lose a publication's job and workers may die mid-publication: PostgreSQL says which
// publications need a worker. Every half minute: the latest succeeded attempt of a task that
// publishes and has no changeset yet (its job was lost), changesets left `publishing` by a worker
// that stopped, changesets a kill switch held once that switch is released, those held for want
// of an installation once their repository has one, and a release pass for every tenant with work
// held under the PR-storm caps (server/github/caps/sweep-held.ts). Publishing is
// idempotent, so a job too many changes nothing. Frozen changesets are said so on their PR.
import { z } from "zod";
import { db } from "../../db/client";
import { declareJob } from "../../jobs/define-job";
import { MAINTENANCE_QUEUE } from "../../jobs/maintenance-jobs";
import { coveringSwitches } from "../../kill-switches/covering-switches";
import { logger } from "../../log/logger";
import { sweepHeld } from "../caps/sweep-held";
import { configuredGithubApp } from "../github-app";
import { enqueuePublish } from "./publish-job";
import { sayEdited, unsaidEdits } from "./say-edited";

const STALE_MS = 120_000;
const PUBLISHED = ["local_branch", "draft_pr", "supervised_pr", "autonomous_pr"];

export const reconcilePublicationsJob = declareJob({
  name: "github.reconcile-publications",
  queue: MAINTENANCE_QUEUE,
  schema: z.object({}).strict(),
  every: { ms: 30_000, payload: {} },
});

async function requeue(runId: string, key: string): Promise<void> {
  const job = await enqueuePublish(runId, key);
  const state = await job.getState();
  if (state === "completed" || state === "failed") {
    await job.remove();
    await enqueuePublish(runId, key);
  }
}

/** `tenantId` narrows a pass to one tenant (the tests'); the job's pass covers all. */
export async function reconcilePublications(o: { tenantId?: string } = {}): Promise<{ requeued: number; said: number; releasing: number }> {
  if (!configuredGithubApp()) return { requeued: 0, said: 0, releasing: 0 };
  const tenant = o.tenantId ?? null;
  const since = new Date(Date.now() - 7 * 24 * 3_600_000);
  const lost = await db.$queryRaw<{ id: string }[]>`
    SELECT r.id FROM "Run" r JOIN "Task" t ON t.id = r."taskId"
    WHERE (${tenant}::text IS NULL OR r."tenantId" = ${tenant}) AND r.state = 'succeeded' AND r."finishedAt" > ${since} AND r."finishedAt" < now() - interval '10 seconds' AND t.autonomy = ANY(${PUBLISHED})
      AND NOT EXISTS (SELECT 1 FROM "Run" later WHERE later."taskId" = r."taskId" AND later.attempt > r.attempt)
      AND NOT EXISTS (SELECT 1 FROM "Changeset" c WHERE c."taskId" = r."taskId" AND c."runId" = r.id)
      AND EXISTS (SELECT 1 FROM "RunArtifact" a WHERE a."runId" = r.id AND a.kind = 'patch' AND NOT a.restricted)
    ORDER BY r."finishedAt" LIMIT 200`;
  const only = o.tenantId ? { tenantId: o.tenantId } : {};
  const stuck = await db.changeset.findMany({ where: { ...only, state: "publishing", updatedAt: { lt: new Date(Date.now() - STALE_MS) } }, select: { runId: true }, take: 200 });
  const held = await db.changeset.findMany({ where: { ...only, state: "blocked", holdKind: "kill_switch" }, select: { runId: true, tenantId: true, repositoryId: true, campaignId: true }, take: 200 });
  const released = [];
  for (const h of held) if (!(await coveringSwitches(db, h, "pr_creation")).length) released.push(h);
  // Held for want of an installation, whose repository has one of its tenant's now.
  const connected = await db.$queryRaw<{ runId: string }[]>`
    SELECT c."runId" FROM "Changeset" c JOIN "Repository" r ON r.id = c."repositoryId" JOIN "GithubInstallation" i ON i.id = r."githubInstallationId"
    WHERE (${tenant}::text IS NULL OR c."tenantId" = ${tenant}) AND c.state = 'blocked' AND c."holdKind" = 'not_connected' AND r."remoteUrl" IS NOT NULL
      AND i."tenantId" = c."tenantId" AND i."deletedAt" IS NULL AND i."suspendedAt" IS NULL
    LIMIT 200`;
  const runIds = [...new Set([...lost.map((r) => r.id), ...stuck.map((c) => c.runId), ...released.map((c) => c.runId), ...connected.map((c) => c.runId)])];
  // One key per minute: a finished job under the same key is replaced, a waiting one is not doubled.
  const key = `reconcile-${Math.floor(Date.now() / 60_000)}`;
  for (const id of runIds) await requeue(id, key);
  if (runIds.length) logger.info("publications needing a worker have their job", { count: runIds.length });
  // Frozen by a webhook or reconciliation (in a transaction that cannot write to GitHub): said here.
  let said = 0;
  for (const id of await unsaidEdits(tenant)) if (await sayEdited(id)) said++;
  const sweep = await sweepHeld(tenant);
  return { requeued: runIds.length, said, releasing: sweep.tenants };
}
