// The delivery job's declaration: what enqueueing code imports. The worker binds it to
// attemptDelivery (deliver-webhook.ts) in server/wiring/job-handlers.ts.
import { z } from "zod";
import { env } from "../env";
import { declareJob } from "../jobs/define-job";
import { MAX_ATTEMPTS, WEBHOOKS_QUEUE } from "./events";

export const deliverWebhookJob = declareJob({
  name: "webhooks.deliver",
  queue: WEBHOOKS_QUEUE,
  schema: z.object({
    deliveryId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    /** Enqueued before its transaction committed: a missing row is retried, not dropped. */
    early: z.boolean().optional(),
  }).strict(),
  retry: () => ({ attempts: MAX_ATTEMPTS, backoffMs: env().WEBHOOK_RETRY_BASE_MS }),
});
