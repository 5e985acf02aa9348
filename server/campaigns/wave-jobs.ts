// The campaign waves' jobs, declared apart from their handlers (server/wiring/job-handlers.ts binds
// them): a campaign's check (is its wave finished? then the gates, and promotion or a pause) carries
// the campaign id only, and PostgreSQL holds everything it decides on. A run ending and a changeset
// changing ask for a check after their commit, deduplicated per campaign; a sweep asks for every
// campaign under way, so a check lost with Redis is asked again; a soak asks once it is over.
import { z } from "zod";
import { declareJob } from "../jobs/define-job";
import { enqueue } from "../jobs/enqueue";
import { MAINTENANCE_QUEUE } from "../jobs/maintenance-jobs";

export const CAMPAIGNS_QUEUE = "campaigns";

const ZCampaignRef = z.object({ campaignId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict();

export const checkWavesJob = declareJob({
  name: "campaigns.check-waves",
  queue: CAMPAIGNS_QUEUE,
  schema: ZCampaignRef,
  // A check that failed (the database away) is asked again by the sweep anyway.
  retry: () => ({ attempts: 3, backoffMs: 2_000 }),
});

export const sweepWavesJob = declareJob({
  name: "campaigns.sweep-waves",
  queue: MAINTENANCE_QUEUE,
  schema: z.object({}).strict(),
  every: { ms: 60_000, payload: {} },
});

/** Asks for a check of the campaign's waves; one waits per campaign however often it is asked. */
export const enqueueWaveCheck = (campaignId: string) => enqueue(checkWavesJob, { campaignId }, { dedupe: `waves-${campaignId}` });

/** A check once the soak is over: its own job (not deduplicated with the others), one per end time. */
export const enqueueSoakCheck = (campaignId: string, until: Date) =>
  enqueue(checkWavesJob, { campaignId }, { jobId: `waves-soak-${campaignId}-${until.getTime()}`, delayMs: Math.max(1, until.getTime() - Date.now() + 1_000) });

/** For a run or changeset that may belong to a campaign: what to run after the commit, if anything. */
export const waveCheckAfterCommit = (campaignId: string | null | undefined, afterCommit: (fn: () => Promise<unknown>) => void) => {
  if (campaignId) afterCommit(() => enqueueWaveCheck(campaignId));
};
