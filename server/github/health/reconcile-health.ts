// Redis may lose a health job (it keeps nothing on disk), a webhook may never arrive, a worker may stop
// in the middle of a revert. Every half minute the merges still watched get a pass when their soak has
// no end yet, when it has ended, or when GitHub was not read for a while (a missed check webhook); a
// revert left half-made gets its pass again. One job per changeset and minute.
import { z } from "zod";
import { db } from "../../db/client";
import { declareJob } from "../../jobs/define-job";
import { MAINTENANCE_QUEUE } from "../../jobs/maintenance-jobs";
import { logger } from "../../log/logger";
import { enqueueHealthCheck } from "./health-job";

const STALE_READ_MS = 5 * 60_000;
const STALLED_REVERT_MS = 60_000;

export const reconcileHealthJob = declareJob({
  name: "github.reconcile-health",
  queue: MAINTENANCE_QUEUE,
  schema: z.object({}).strict(),
  every: { ms: 30_000, payload: {} },
});

export async function reconcileHealth(at = new Date()): Promise<{ enqueued: number }> {
  const rows = await db.changeset.findMany({
    where: {
      OR: [
        { healthState: "watching", OR: [{ healthUntil: null }, { healthUntil: { lte: at } }, { healthCheckedAt: null }, { healthCheckedAt: { lt: new Date(at.getTime() - STALE_READ_MS) } }] },
        { healthState: "reverting", OR: [{ healthCheckedAt: null }, { healthCheckedAt: { lt: new Date(at.getTime() - STALLED_REVERT_MS) } }] },
      ],
    },
    select: { id: true }, orderBy: { mergedAt: "asc" }, take: 500,
  });
  const minute = Math.floor(at.getTime() / 60_000);
  for (const { id } of rows) await enqueueHealthCheck(id, `reconcile-${minute}`);
  if (rows.length) logger.info("merges under post-merge health have their pass", { count: rows.length });
  return { enqueued: rows.length };
}
