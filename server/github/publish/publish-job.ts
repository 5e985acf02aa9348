// The publication queue carries run ids only; PostgreSQL holds the state, and publishing is
// idempotent, so a duplicate job or a retry after a crash publishes once. This is the declaration;
// the worker binds it to publishRun (server/wiring/job-handlers.ts).
import { z } from "zod";
import { declareJob } from "../../jobs/define-job";
import { enqueue } from "../../jobs/enqueue";

export const GITHUB_QUEUE = "github";

export const publishRunJob = declareJob({
  name: "github.publish",
  queue: GITHUB_QUEUE,
  schema: z.object({ runId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict(),
  // GitHub or the network failing: try again, a little later each time (the steps are idempotent).
  retry: () => ({ attempts: 8, backoffMs: 2_000 }),
});

/** `key` separates enqueues that must not collapse into one job (an approval decided, the reconciler's pass). */
export const enqueuePublish = (runId: string, key = "0") => enqueue(publishRunJob, { runId }, { jobId: `publish-${runId}-${key}` });
