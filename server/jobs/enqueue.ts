import { Queue } from "bullmq";
import type { z } from "zod";
import { AppError } from "../http/app-error";
import type { JobDefinition } from "./define-job";
import { env } from "../env";
import { createRedis } from "./redis";

const queues = new Map<string, Queue>();

function queue(name: string): Queue {
  let q = queues.get(name);
  if (!q) {
    q = new Queue(name, { connection: createRedis(), prefix: env().QUEUE_PREFIX });
    queues.set(name, q);
  }
  return q;
}

/** Validates the payload against the job's schema before it reaches Redis. */
export async function enqueue<S extends z.ZodType>(job: JobDefinition<S>, payload: z.infer<S>, opts: { jobId?: string } = {}) {
  const parsed = job.schema.safeParse(payload);
  if (!parsed.success) {
    throw new AppError("validation_failed", `invalid payload for job ${job.name}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "payload"} ${i.message}`).join("; ")}`);
  }
  const retry = job.retry?.() ?? { attempts: 5, backoffMs: 1000 };
  return queue(job.queue).add(job.name, parsed.data, {
    jobId: opts.jobId, removeOnComplete: 1000, removeOnFail: 5000, attempts: retry.attempts, backoff: { type: "exponential", delay: retry.backoffMs },
  });
}

export async function closeQueues(): Promise<void> {
  await Promise.all([...queues.values()].map((q) => q.close()));
  queues.clear();
}
