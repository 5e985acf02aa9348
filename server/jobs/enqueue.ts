import { Queue } from "bullmq";
import type { z } from "zod";
import { AppError } from "../core/app-error";
import type { JobDeclaration } from "./define-job";
import { env } from "../env";
import { createRedis } from "./redis";

type Open = { queue: Queue; connection: ReturnType<typeof createRedis> };
// By prefix and name: tests and benches switch QUEUE_PREFIX, and a queue keeps the prefix it was made with.
const queues = new Map<string, Open>();

function queue(name: string): Queue {
  const prefix = env().QUEUE_PREFIX;
  const key = `${prefix}:${name}`;
  let open = queues.get(key);
  if (!open) {
    const connection = createRedis();
    open = { queue: new Queue(name, { connection, prefix }), connection };
    queues.set(key, open);
  }
  return open.queue;
}

/**
 * Validates the payload against the job's schema before it reaches Redis. delayMs: not before then.
 * dedupe: BullMQ's deduplication (one job per id while it waits; keepLastIfActive: one more after a running one).
 */
export async function enqueue<S extends z.ZodType>(job: JobDeclaration<S>, payload: z.infer<S>, opts: { jobId?: string; delayMs?: number; dedupe?: { id: string; keepLastIfActive?: boolean } } = {}) {
  const parsed = job.schema.safeParse(payload);
  if (!parsed.success) {
    throw new AppError("validation_failed", `invalid payload for job ${job.name}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "payload"} ${i.message}`).join("; ")}`);
  }
  const retry = job.retry?.() ?? { attempts: 5, backoffMs: 1000 };
  return queue(job.queue).add(job.name, parsed.data, {
    jobId: opts.jobId, ...(opts.delayMs ? { delay: opts.delayMs } : {}), ...(opts.dedupe ? { deduplication: opts.dedupe } : {}), removeOnComplete: 1000, removeOnFail: 5000, attempts: retry.attempts, backoff: { type: "exponential", delay: retry.backoffMs },
  });
}

/** Closes the queues and the Redis connections made for them (BullMQ leaves a connection it was given open). */
export async function closeQueues(): Promise<void> {
  const open = [...queues.values()];
  queues.clear();
  await Promise.all(open.map(async ({ queue: q, connection }) => {
    await q.close();
    await connection.quit().catch(() => connection.disconnect());
  }));
}

/** Removes every queue of a prefix with all its jobs: a test file's or a bench figure's own queues. */
export async function obliterateQueues(prefix: string, names: readonly string[]): Promise<void> {
  const connection = createRedis();
  try {
    for (const name of names) {
      const q = new Queue(name, { connection, prefix });
      await q.obliterate({ force: true });
      await q.close();
    }
  } finally {
    connection.disconnect();
  }
}
