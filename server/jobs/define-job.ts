// Jobs are declared once, in two halves. The declaration (name, queue, the zod schema of the payload,
// retry and schedule) is what web code imports to enqueue; the handler is what only the worker runs,
// bound to its declaration in the worker's registry (server/wiring/job-handlers.ts). Payloads carry
// ids, never state; they are validated when enqueued and again when processed.
import type { z } from "zod";

export type JobDeclaration<S extends z.ZodType = z.ZodType> = {
  name: string;
  queue: string;
  schema: S;
  /** Attempts and the first backoff (doubling); the default is 5 attempts from 1 s. */
  retry?: () => { attempts: number; backoffMs: number };
  /** Repeat on a schedule (BullMQ job scheduler), with this payload. */
  every?: { ms: number; payload: z.infer<S> };
};

/**
 * What a queue's workers run differently from the defaults (BullMQ's: a 30 s lock renewed every 15 s,
 * stalled jobs looked for every 30 s, a job failed on its second stall). The worker's registry
 * (server/wiring/job-handlers.ts) names them per queue.
 */
export type QueueSettings = {
  /** Jobs at once per process, given the process's --concurrency. */
  concurrency?: (base: number) => number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  maxStalledCount?: number;
};

export type JobMeta = { jobId: string | undefined; attempt: number };

export type JobHandler<S extends z.ZodType = z.ZodType> = {
  job: JobDeclaration<S>;
  handle: (payload: z.infer<S>, meta: JobMeta) => Promise<unknown>;
};

export function declareJob<S extends z.ZodType>(declaration: JobDeclaration<S>): JobDeclaration<S> {
  return declaration;
}

export function handleJob<S extends z.ZodType>(job: JobDeclaration<S>, handle: JobHandler<S>["handle"]): JobHandler {
  return { job, handle } as unknown as JobHandler;
}
