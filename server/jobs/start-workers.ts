// The worker's queues and schedules. Redis holds no state of its own (a restart empties it): every
// job can be enqueued again from PostgreSQL by the reconcilers, and the reconcilers' own schedules
// are put back by a timer of this process, which does not live in Redis. A job whose keys vanished
// under it (BullMQ's "Missing key for job ...") is one log line, not a stack trace.
import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { env } from "../env";
import { createRedis } from "./redis";
import type { JobDeclaration, JobHandler, QueueSettings } from "./define-job";
import { jobProcessor } from "./process-job";
import { logger } from "../log/logger";

export type RunningWorkers = { close: () => Promise<void> };

export type WorkerOptions = {
  concurrency?: number;
  schedule?: boolean;
  /** How often the schedules are checked and put back when missing (default 10 s). */
  scheduleCheckMs?: number;
  /** Settings of particular queues (server/wiring/job-handlers.ts's QUEUE_SETTINGS). */
  queues?: Readonly<Record<string, QueueSettings>>;
};

export const queueNames = (handlers: readonly JobHandler[]) => [...new Set(handlers.map((h) => h.job.queue))];

/** Workers for every queue of the handlers (the worker's registry: server/wiring/job-handlers.ts), and their schedules. */
export async function startWorkers(handlers: readonly JobHandler[], options: WorkerOptions = {}): Promise<RunningWorkers> {
  // BullMQ never closes a connection it was given (it may be shared), so close() quits these itself.
  const connections: Redis[] = [];
  const connection = () => {
    const c = createRedis();
    c.on("error", () => {}); // ioredis reconnects by itself; BullMQ reports what fails through "error" below.
    connections.push(c);
    return c;
  };
  const prefix = env().QUEUE_PREFIX;
  const processJob = jobProcessor(handlers);
  const base = options.concurrency ?? 4;
  const workers = queueNames(handlers).map((name) => {
    const q = options.queues?.[name] ?? {};
    return new Worker(name, processJob, {
      connection: connection(), prefix, concurrency: q.concurrency?.(base) ?? base,
      ...(q.lockDurationMs !== undefined ? { lockDuration: q.lockDurationMs } : {}),
      ...(q.stalledIntervalMs !== undefined ? { stalledInterval: q.stalledIntervalMs } : {}),
      ...(q.maxStalledCount !== undefined ? { maxStalledCount: q.maxStalledCount } : {}),
    });
  });
  for (const w of workers) {
    w.on("failed", (job, err) => logger.warn("job failed", { job: job?.name, id: job?.id, error: err.message }));
    w.on("error", (err) => logger.warn("queue error; the reconcilers put lost work back", { queue: w.name, error: err.message.split("\n")[0] }));
  }
  const scheduled = options.schedule ?? true ? handlers.map((h) => h.job).filter((j) => j.every) : [];
  const queues = new Map(queueNames(handlers).filter((q) => scheduled.some((j) => j.queue === q)).map((q) => [q, new Queue(q, { connection: connection(), prefix })]));
  for (const job of scheduled) await upsertSchedule(queues.get(job.queue)!, job);
  let checking: Promise<void> | null = null;
  const timer = scheduled.length
    ? setInterval(() => { checking ??= ensureSchedules(queues, scheduled).finally(() => { checking = null; }); }, options.scheduleCheckMs ?? 10_000)
    : null;
  timer?.unref();
  return {
    close: async () => {
      if (timer) clearInterval(timer);
      await checking;
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
      await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}

// Idempotent: the scheduler id is the job name, so restarts do not add copies.
const upsertSchedule = (q: Queue, job: JobDeclaration) =>
  q.upsertJobScheduler(job.name, { every: job.every!.ms }, { name: job.name, data: job.every!.payload });

/** A schedule Redis lost (or whose next run is long overdue) is put back; Redis being down is one line, tried again next time. */
async function ensureSchedules(queues: Map<string, Queue>, scheduled: JobDeclaration[]): Promise<void> {
  for (const job of scheduled) {
    const q = queues.get(job.queue)!;
    try {
      const s = await q.getJobScheduler(job.name);
      const overdue = !!s && typeof s.next === "number" && s.next < Date.now() - 3 * job.every!.ms;
      if (s && !overdue) continue;
      await upsertSchedule(q, job);
      logger.warn("job schedule was missing in Redis; put back", { job: job.name, every: job.every!.ms });
    } catch (e) {
      logger.warn("job schedules could not be checked", { job: job.name, error: (e as Error).message.split("\n")[0] });
      return;
    }
  }
}
