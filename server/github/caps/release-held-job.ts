// The declaration of `caps.release-held`: one tenant's pass over its held changesets (release-held.ts),
// enqueued whenever a slot may have freed (a PR merged, closed, reviewed or made a draft; a
// publication that stopped short) and, delayed, when a budget's next token or a schedule's next window
// is due. Event passes share one deduplication id per tenant: a burst of webhooks makes one pass, and
// one that comes while a pass runs makes exactly one more (keepLastIfActive), so no freed slot waits
// for the reconciler's sweep. Its own queue: publications waiting on GitHub never delay a release.
import { z } from "zod";
import { declareJob } from "../../jobs/define-job";
import { enqueue } from "../../jobs/enqueue";
import { logger } from "../../log/logger";

export const CAPS_QUEUE = "caps";

export const releaseHeldJob = declareJob({
  name: "caps.release-held",
  queue: CAPS_QUEUE,
  schema: z.object({ tenantId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict(),
  retry: () => ({ attempts: 5, backoffMs: 500 }),
});

/** A pass now, deduplicated per tenant. */
export const enqueueReleaseHeld = (tenantId: string) =>
  enqueue(releaseHeldJob, { tenantId }, { dedupe: `release-held-${tenantId}` });

/** A pass at `at` (a budget's next token, a schedule's next window); times within 100 ms are one job. */
export function enqueueReleaseHeldAt(tenantId: string, at: Date) {
  const slot = Math.ceil(at.getTime() / 100) * 100;
  return enqueue(releaseHeldJob, { tenantId }, { jobId: `release-held-${tenantId}-at-${slot}`, delayMs: Math.max(1, slot - Date.now()) });
}

/** After a slot may have freed: a pass soon (a failure is only logged; the reconciler's sweep follows up). */
export function releaseSoon(tenantId: string): Promise<void> {
  return enqueueReleaseHeld(tenantId).then(() => undefined, (e: Error) => logger.warn("a release pass was not enqueued", { tenantId, error: e.message }));
}
