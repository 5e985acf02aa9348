// Putting deliveries on the queue. Job ids keep one queued job per delivery and occasion; the
// delivery row (locked while it is sent, its state checked first) makes any duplicate a no-op.
import { enqueue } from "../jobs/enqueue";
import { logger } from "../log/logger";
import { deliverWebhookJob } from "./delivery-job";

/** After the commit that created the deliveries (OpContext.afterCommit). */
export async function enqueueDeliveries(ids: string[]): Promise<void> {
  for (const id of ids) await enqueue(deliverWebhookJob, { deliveryId: id }, { jobId: `deliver-${id}` });
}

/**
 * From inside a transaction that has no afterCommit (the approvals outcome job): the job may run
 * before the commit, finds no row yet and is retried (early), so it is delivered about a second
 * later. Redis being down fails nothing here: the reconciler picks the delivery up.
 */
export async function enqueueDeliveriesEarly(ids: string[]): Promise<void> {
  for (const id of ids) {
    await enqueue(deliverWebhookJob, { deliveryId: id, early: true }, { jobId: `deliver-${id}` })
      .catch((e: Error) => logger.warn("webhook delivery not enqueued; the reconciler will", { deliveryId: id, error: e.message }));
  }
}
