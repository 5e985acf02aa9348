// The publication queue carries run ids only; PostgreSQL holds the state, and publishing is
// idempotent, so a duplicate job or a retry after a crash publishes once. This is the declaration;
// the worker binds it to publishRun (server/wiring/job-handlers.ts).
import { z } from "zod";
import { declareJob, type QueueSettings } from "../../jobs/define-job";
import { enqueue } from "../../jobs/enqueue";

export const GITHUB_QUEUE = "github";

/**
 * The github queue's workers. Its jobs spend their time waiting (on GitHub, on git over the network in
 * child processes, on the installation's pace, which serializes writes across every worker anyway), so
 * a process runs four times its --concurrency of them, at most 16 (the database pool has 10
 * connections; pace.ts keeps its own use of them bounded).
 *
 * A worker killed mid-publication (SIGKILL, OOM, a lost machine) leaves its job locked until the lock
 * lapses and a stalled-job check of a live worker moves it back: BullMQ's 30 s lock and 30 s checks
 * make that up to a minute. Here the lock lasts 10 s and is renewed every 5 s (BullMQ renews at half of
 * it), and live workers look for stalled jobs every 5 s, so a killed worker's publication moves on
 * within about 15 s. A lock can only lapse under a live job if this process's event loop does not run
 * its renewal timer for 5 s longer than usual; these jobs do no long synchronous work (git runs in
 * child processes), and if it happens anyway on a starved machine the job runs twice, which publishing
 * is built for (the branch is the key: one PR, a push only as a lease on the head seen). A job fails
 * on its sixth stall, not BullMQ's second: a publication waiting its installation's turn may be held
 * by several workers in a row that die, and a failed one is enqueued again by
 * reconcile-publications.ts anyway, only minutes later (so failing sooner would not stop a job that
 * kills its worker either).
 */
export const GITHUB_QUEUE_SETTINGS: QueueSettings = {
  concurrency: (base) => Math.max(base, Math.min(base * 4, 16)),
  lockDurationMs: 10_000,
  stalledIntervalMs: 5_000,
  maxStalledCount: 5,
};

export const publishRunJob = declareJob({
  name: "github.publish",
  queue: GITHUB_QUEUE,
  schema: z.object({ runId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict(),
  // GitHub or the network failing: try again, a little later each time (the steps are idempotent).
  retry: () => ({ attempts: 8, backoffMs: 2_000 }),
});

/** `key` separates enqueues that must not collapse into one job (an approval decided, the reconciler's pass). */
export const enqueuePublish = (runId: string, key = "0") => enqueue(publishRunJob, { runId }, { jobId: `publish-${runId}-${key}` });
