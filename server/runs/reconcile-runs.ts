// Redis may lose jobs and workers may die: PostgreSQL says which runs need a worker. Every few
// seconds: queued runs not taken within a beat, and active runs whose lease expired, are enqueued
// again (the lease decides who executes them; a duplicate job finds the run leased and exits).
import { db } from "../db/client";
import { logger } from "../log/logger";
import { enqueueRun } from "./run-jobs";
import { transitionRun } from "./run-transitions";

const STALE_QUEUED_MS = 5_000;

export async function reconcileRuns(): Promise<{ requeued: number; cancelled: number }> {
  // A cancel asked of a run whose worker then died: no worker will take it again, so it ends here.
  const orphans = await db.run.findMany({
    where: { cancelRequested: true, state: { in: ["preparing", "running", "verifying"] }, leaseExpiresAt: { lt: new Date() } }, select: { id: true }, take: 500,
  });
  for (const r of orphans) {
    await db.$transaction((tx) => transitionRun(tx, r.id, { to: "cancelled", failureClass: "cancelled", cause: "cancelled on request; its worker had stopped" }));
  }
  const rows = await db.$queryRaw<{ id: string; leaseCount: number }[]>`
    SELECT id, "leaseCount" FROM "Run"
    WHERE (state = 'queued' AND "cancelRequested" = false AND "updatedAt" < now() - make_interval(secs => ${STALE_QUEUED_MS / 1000}))
       OR (state IN ('preparing', 'running', 'verifying') AND "leaseExpiresAt" < now())
    ORDER BY "queuedAt" LIMIT 500`;
  // One job id per run and round: a finished job with the same id would swallow a plain re-enqueue.
  const round = Math.floor(Date.now() / 5_000);
  for (const r of rows) await enqueueRun(r.id, `r${r.leaseCount}-${round}`);
  if (rows.length) logger.info("runs re-enqueued", { count: rows.length });
  return { requeued: rows.length, cancelled: orphans.length };
}
