// Redis may lose a queued delivery (it keeps nothing on disk), a worker may die between a commit
// and its enqueue, and the approvals outcome job enqueues before its commit. Every few seconds,
// pending deliveries nobody has touched for a while get a job again; Postgres decides what is sent.
import { z } from "zod";
import { db } from "../db/client";
import { env } from "../env";
import { declareJob } from "../jobs/define-job";
import { enqueue } from "../jobs/enqueue";
import { deliverWebhookJob } from "./delivery-job";
import { WEBHOOKS_QUEUE } from "./events";

const BATCH = 500;
/** Beyond the retry BullMQ has scheduled (the doubling backoff after this many attempts), a delivery is idle. */
export const SLACK_MS = 30_000;

export async function reconcileWebhooks(o: { slackMs?: number } = {}): Promise<{ requeued: number }> {
  const base = env().WEBHOOK_RETRY_BASE_MS;
  const slack = o.slackMs ?? SLACK_MS;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM "WebhookDelivery"
    WHERE state = 'pending' AND COALESCE("lastAttemptAt", "createdAt") < now() - (CASE WHEN attempts = 0 THEN ${slack}::float8
      ELSE ${base}::float8 * power(2, attempts - 1) + ${slack}::float8 END) * interval '1 millisecond'
    ORDER BY "createdAt" LIMIT ${BATCH}`;
  // One job per delivery per idle period: a later run enqueues again if this one was lost too.
  const period = Math.floor(Date.now() / Math.max(slack, 1000));
  for (const { id } of rows) await enqueue(deliverWebhookJob, { deliveryId: id }, { jobId: `reconcile-${id}-${period}` });
  return { requeued: rows.length };
}

export const reconcileWebhooksJob = declareJob({
  name: "webhooks.reconcile",
  queue: WEBHOOKS_QUEUE,
  schema: z.object({}).strict(),
  every: { ms: 20_000, payload: {} },
});
