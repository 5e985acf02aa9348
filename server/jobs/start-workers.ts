import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { env } from "../env";
import { createRedis } from "./redis";
import { processJob } from "./process-job";
import { JOBS, queueNames } from "./registry";
import { logger } from "../log/logger";

export type RunningWorkers = { close: () => Promise<void> };

export async function startWorkers(options: { concurrency?: number; schedule?: boolean } = {}): Promise<RunningWorkers> {
  // BullMQ never closes a connection it was given (it may be shared), so close() quits these itself.
  const connections: Redis[] = [];
  const connection = () => {
    const c = createRedis();
    connections.push(c);
    return c;
  };
  const workers = queueNames().map(
    (name) => new Worker(name, processJob, { connection: connection(), prefix: env().QUEUE_PREFIX, concurrency: options.concurrency ?? 4 }),
  );
  for (const w of workers) {
    w.on("failed", (job, err) => logger.warn("job failed", { job: job?.name, id: job?.id, error: err.message }));
  }
  const schedulers: Queue[] = [];
  if (options.schedule ?? true) {
    for (const job of JOBS) {
      if (!job.every) continue;
      const q = new Queue(job.queue, { connection: connection(), prefix: env().QUEUE_PREFIX });
      // Idempotent: the scheduler id is the job name, so restarts do not add copies.
      await q.upsertJobScheduler(job.name, { every: job.every.ms }, { name: job.name, data: job.every.payload });
      schedulers.push(q);
    }
  }
  return {
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(schedulers.map((q) => q.close()));
      await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
