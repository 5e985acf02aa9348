// The processor every worker runs: look the job up by name among the handlers it was given,
// validate its payload, run it.
import { UnrecoverableError, type Job } from "bullmq";
import type { JobHandler } from "./define-job";
import { logger } from "../log/logger";

export const jobProcessor = (handlers: readonly JobHandler[]) => {
  const byName = new Map(handlers.map((h) => [h.job.name, h]));
  return async function processJob(job: Job): Promise<unknown> {
    const handler = byName.get(job.name);
    if (!handler) {
      logger.warn("unknown job dropped", { job: job.name, id: job.id, queue: job.queueName });
      throw new UnrecoverableError(`unknown job ${job.name}`);
    }
    const parsed = handler.job.schema.safeParse(job.data);
    if (!parsed.success) {
      // A malformed payload will not get better by retrying.
      const why = parsed.error.issues.map((i) => `${i.path.join(".") || "payload"} ${i.message}`).join("; ");
      logger.warn("invalid job payload dropped", { job: job.name, id: job.id, why });
      throw new UnrecoverableError(`invalid payload for ${job.name}: ${why}`);
    }
    return handler.handle(parsed.data, { jobId: job.id, attempt: job.attemptsMade + 1 });
  };
};
