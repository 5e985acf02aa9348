// Redis may lose a delivery's job (it keeps nothing on disk), and the webhook route answers GitHub
// without waiting long for Redis. Every half minute, deliveries stored but not processed for a while
// get their job again: one per delivery (its id), replaced if a finished one is still kept under it.
import { z } from "zod";
import { db } from "../../db/client";
import { declareJob } from "../../jobs/define-job";
import { enqueue } from "../../jobs/enqueue";
import { MAINTENANCE_QUEUE } from "../../jobs/maintenance-jobs";
import { logger } from "../../log/logger";
import { processDeliveryJob } from "./delivery-job";

const IDLE_MS = 30_000;
const BATCH = 500;

export const requeueDeliveriesJob = declareJob({
  name: "github.requeue-deliveries",
  queue: MAINTENANCE_QUEUE,
  schema: z.object({}).strict(),
  every: { ms: 30_000, payload: {} },
});

export async function requeueDeliveries(o: { idleMs?: number } = {}): Promise<{ requeued: number }> {
  const rows = await db.githubDelivery.findMany({
    where: { processedAt: null, receivedAt: { lt: new Date(Date.now() - (o.idleMs ?? IDLE_MS)) } },
    select: { deliveryId: true }, orderBy: { receivedAt: "asc" }, take: BATCH,
  });
  for (const { deliveryId } of rows) {
    const job = await enqueue(processDeliveryJob, { deliveryId }, { jobId: deliveryId });
    const state = await job.getState();
    if (state === "completed" || state === "failed") {
      await job.remove();
      await enqueue(processDeliveryJob, { deliveryId }, { jobId: deliveryId });
    }
  }
  if (rows.length) logger.info("unprocessed GitHub deliveries have their job", { count: rows.length });
  return { requeued: rows.length };
}
