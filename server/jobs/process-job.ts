// The processor every worker runs: look the job up by name, validate its payload, run it.
import { UnrecoverableError, type Job } from "bullmq";
import { jobByName } from "./registry";
import { logger } from "../log/logger";

export async function processJob(job: Job): Promise<unknown> {
  const def = jobByName(job.name);
  if (!def) {
    logger.warn("unknown job dropped", { job: job.name, id: job.id, queue: job.queueName });
    throw new UnrecoverableError(`unknown job ${job.name}`);
  }
  const parsed = def.schema.safeParse(job.data);
  if (!parsed.success) {
    // A malformed payload will not get better by retrying.
    const why = parsed.error.issues.map((i) => `${i.path.join(".") || "payload"} ${i.message}`).join("; ");
    logger.warn("invalid job payload dropped", { job: job.name, id: job.id, why });
    throw new UnrecoverableError(`invalid payload for ${job.name}: ${why}`);
  }
  return def.handle(parsed.data, { jobId: job.id, attempt: job.attemptsMade + 1 });
}
