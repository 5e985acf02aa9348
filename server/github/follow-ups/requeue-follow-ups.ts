// Redis may lose a follow-up's job (it keeps nothing on disk), and the delivery enqueues it only after
// its commit. Every half minute, follow-up requests still pending a while after they were made get
// their job again: one per request (its id), replaced if a finished one is still kept under it.
import { z } from "zod";
import { db } from "../../db/client";
import { declareJob } from "../../jobs/define-job";
import { MAINTENANCE_QUEUE } from "../../jobs/maintenance-jobs";
import { logger } from "../../log/logger";
import { enqueueFollowUp, FOLLOW_UP_GATHER_MS } from "./follow-up-job";

const IDLE_MS = 30_000 + FOLLOW_UP_GATHER_MS;

export const requeueFollowUpsJob = declareJob({
  name: "github.requeue-follow-ups",
  queue: MAINTENANCE_QUEUE,
  schema: z.object({}).strict(),
  every: { ms: 30_000, payload: {} },
});

export async function requeueFollowUps(o: { idleMs?: number } = {}): Promise<{ requeued: number }> {
  const rows = await db.followUpRequest.findMany({
    where: { state: "pending", createdAt: { lt: new Date(Date.now() - (o.idleMs ?? IDLE_MS)) } },
    select: { id: true }, orderBy: { createdAt: "asc" }, take: 500,
  });
  for (const { id } of rows) {
    const job = await enqueueFollowUp(id, 0);
    const state = await job.getState();
    if (state === "completed" || state === "failed") {
      await job.remove();
      await enqueueFollowUp(id, 0);
    }
  }
  if (rows.length) logger.info("pending follow-up requests have their job", { count: rows.length });
  return { requeued: rows.length };
}
