// The job that applies one stored GitHub delivery: what the webhook route imports to enqueue. The
// worker binds it to processDelivery (process-delivery.ts) in server/wiring/job-handlers.ts. Its id is
// the delivery's X-GitHub-Delivery, so a redelivery never adds a second job, and its payload is that
// id only: the delivery itself is read from PostgreSQL.
import { z } from "zod";
import { declareJob } from "../../jobs/define-job";

export const GITHUB_EVENTS_QUEUE = "github-events";

/** GitHub's delivery GUID. Never a bare integer or with ':' (BullMQ refuses those as job ids). */
export const ZDeliveryId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,99}$/, "must be a delivery GUID").refine((v) => !/^\d+$/.test(v), "must be a delivery GUID");

export const DELIVERY_ATTEMPTS = 5;

export const processDeliveryJob = declareJob({
  name: "github.process-delivery",
  queue: GITHUB_EVENTS_QUEUE,
  schema: z.object({ deliveryId: ZDeliveryId }).strict(),
  retry: () => ({ attempts: DELIVERY_ATTEMPTS, backoffMs: 1000 }),
});
