// After a run's job (its execution, its publication) has committed what it did: a campaign's run
// that has ended, or whose changeset moved, may have finished its wave, so the waves are looked at.
import { db } from "../db/client";
import { isTerminal } from "../runs/run-transitions";
import { enqueueWaveCheck } from "./wave-jobs";

export async function noteCampaignRun(runId: string): Promise<void> {
  const run = await db.run.findUnique({ where: { id: runId }, select: { campaignId: true, state: true } });
  if (run?.campaignId && isTerminal(run.state)) await enqueueWaveCheck(run.campaignId);
}

/** Runs a run's job, then notes the run for its campaign (whatever the job's outcome). */
export async function thenNoteCampaignRun<T>(runId: string, job: Promise<T>): Promise<T> {
  try {
    return await job;
  } finally {
    await noteCampaignRun(runId).catch(() => undefined); // the sweep finds what this misses
  }
}
