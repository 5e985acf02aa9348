// Jobs are declared once, with the zod schema of their payload. Payloads carry ids, never state;
// they are validated when enqueued and again when processed.
import type { z } from "zod";

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  queue: string;
  schema: S;
  handle: (payload: z.infer<S>, meta: { jobId: string | undefined; attempt: number }) => Promise<unknown>;
  /** Attempts and the first backoff (doubling); the default is 5 attempts from 1 s. */
  retry?: () => { attempts: number; backoffMs: number };
  /** Repeat on a schedule (BullMQ job scheduler), with this payload. */
  every?: { ms: number; payload: z.infer<S> };
};

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}
