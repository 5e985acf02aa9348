// Redis may lose jobs and workers may die: PostgreSQL says which runs need a worker. Every few
// seconds: queued runs not taken within a beat (and not held by a paused scheduler, whose resume
// enqueues them), and active runs whose lease expired, get a job (the lease decides who executes
// them; a duplicate job finds the run leased and exits).
//
// One job id per run and lease count: while that job waits (a deep queue: 1,000 runs behind 4
// slots) enqueueing it again adds nothing, so the reconciler never piles duplicates onto a busy
// queue. Each take raises the lease count, so a run that needs a worker again gets a new id; a
// finished job still kept under the same id (it found the run leased, or failed) is replaced.
import { z } from "zod";
import { db } from "../db/client";
import { declareJob } from "../jobs/define-job";
import { MAINTENANCE_QUEUE } from "../jobs/maintenance-jobs";
import { logger } from "../log/logger";
import { enqueueRun } from "./run-jobs";
import { transitionRun } from "./run-transitions";

const STALE_QUEUED_MS = 5_000;

export const reconcileRunsJob = declareJob({
  name: "runs.reconcile",
  // Not behind the runs themselves: four long runs must not delay re-enqueueing a lost one.
  queue: MAINTENANCE_QUEUE,
  schema: z.object({}).strict(),
  every: { ms: 5_000, payload: {} },
});

export async function reconcileRuns(): Promise<{ requeued: number; cancelled: number }> {
  // A cancel asked of a run whose worker then died: no worker will take it again, so it ends here.
  const orphans = await db.run.findMany({
    where: { cancelRequested: true, state: { in: ["preparing", "running", "verifying"] }, leaseExpiresAt: { lt: new Date() } }, select: { id: true }, take: 500,
  });
  for (const r of orphans) {
    await db.$transaction((tx) => transitionRun(tx, r.id, { to: "cancelled", failureClass: "cancelled", cause: "cancelled on request; its worker had stopped" }));
  }
  const rows = await db.$queryRaw<{ id: string; leaseCount: number }[]>`
    SELECT id, "leaseCount" FROM "Run" r
    WHERE ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < now())
      AND ((state = 'queued' AND "cancelRequested" = false AND "updatedAt" < now() - make_interval(secs => ${STALE_QUEUED_MS / 1000})
            AND NOT EXISTS (SELECT 1 FROM "SchedulerPause" p WHERE p.scope IN ('global', r."tenantId")))
        OR state IN ('preparing', 'running', 'verifying'))
    ORDER BY "queuedAt" LIMIT 500`;
  for (const r of rows) {
    const key = String(r.leaseCount);
    const job = await enqueueRun(r.id, key);
    const state = await job.getState();
    if (state === "completed" || state === "failed") {
      await job.remove();
      await enqueueRun(r.id, key);
    }
  }
  if (rows.length) logger.info("runs needing a worker have their job", { count: rows.length });
  return { requeued: rows.length, cancelled: orphans.length };
}
