// The run queue carries run ids only; PostgreSQL holds the state. Duplicate jobs for one run are
// harmless: only the worker that takes the lease executes it. This is the declaration web routes
// import; the worker binds it to executeRun (server/wiring/job-handlers.ts).
import { z } from "zod";
import { declareJob } from "../jobs/define-job";
import { enqueue } from "../jobs/enqueue";

export const RUNS_QUEUE = "runs";

export const executeRunJob = declareJob({
  name: "runs.execute",
  queue: RUNS_QUEUE,
  schema: z.object({ runId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict(),
  // A run's failures are recorded on the run; retrying the job would only find it leased or ended.
  retry: () => ({ attempts: 1, backoffMs: 1000 }),
});

/**
 * `key` separates enqueues that must not collapse into one job id (a resume, the reconciler's job
 * for a run taken `key` times); the first job of a run is key "0".
 */
export const runJobId = (runId: string, key = "0") => `run-${runId}-${key}`;

export const enqueueRun = (runId: string, key = "0") => enqueue(executeRunJob, { runId }, { jobId: runJobId(runId, key) });
