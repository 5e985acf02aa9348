// Redis may lose an action's job (it keeps nothing on disk), and a job that used its attempts leaves
// its action failed. Every minute, actions still pending or failed a while after they were asked get
// their job again (one per action and round), for a day: after that they stay failed, with the
// error, on the changeset's history and in the action's row.
import { z } from "zod";
import { db } from "../../db/client";
import { declareJob } from "../../jobs/define-job";
import { MAINTENANCE_QUEUE } from "../../jobs/maintenance-jobs";
import { logger } from "../../log/logger";
import { enqueueChangesetAction } from "./changeset-action-job";

const IDLE_MS = 60_000;
const GIVE_UP_MS = 24 * 3_600_000;

export const requeueChangesetActionsJob = declareJob({
  name: "github.requeue-changeset-actions",
  queue: MAINTENANCE_QUEUE,
  schema: z.object({}).strict(),
  every: { ms: 60_000, payload: {} },
});

export async function requeueChangesetActions(o: { idleMs?: number; tenantId?: string } = {}): Promise<{ requeued: number }> {
  const now = Date.now();
  const rows = await db.changesetAction.findMany({
    where: { state: { in: ["pending", "failed"] }, createdAt: { lt: new Date(now - (o.idleMs ?? IDLE_MS)), gt: new Date(now - GIVE_UP_MS) }, ...(o.tenantId ? { tenantId: o.tenantId } : {}) },
    select: { id: true }, orderBy: { createdAt: "asc" }, take: 500,
  });
  // A round of its own per pass: the action's first job may be kept as completed or failed.
  const round = `r${Math.floor(now / 60_000)}`;
  for (const { id } of rows) await enqueueChangesetAction(id, round);
  if (rows.length) logger.info("pending changeset actions have their job again", { count: rows.length });
  return { requeued: rows.length };
}
