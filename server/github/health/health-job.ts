// The post-merge health job: one pass over one merged changeset (watch-merge.ts), carrying its id only.
// A merge, each check report on the repository's default branch, the soak's end, an approved revert
// and the reconciler enqueue it, each under its own key, so they never collapse into one job that has
// already run; a pass that finds nothing to do changes nothing. The worker binds it in
// server/wiring/job-handlers.ts.
import { z } from "zod";
import { declareJob } from "../../jobs/define-job";
import { enqueue } from "../../jobs/enqueue";
import { GITHUB_QUEUE } from "../publish/publish-job";

export const healthCheckJob = declareJob({
  name: "github.post-merge-health",
  queue: GITHUB_QUEUE,
  schema: z.object({ changesetId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict(),
  // GitHub or git failing: again, a little later each time (every step is idempotent).
  retry: () => ({ attempts: 6, backoffMs: 2_000 }),
});

export const enqueueHealthCheck = (changesetId: string, key: string, delayMs = 0) =>
  enqueue(healthCheckJob, { changesetId }, { jobId: `health-${changesetId}-${key.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 80)}`, delayMs });
