// The detection step's jobs, declared apart from their handlers (server/wiring/job-handlers.ts binds
// them to runDetection and reconcileDetections). A job carries a CampaignDetection id only: the row,
// written pending when the detection was asked for, is the state.
import { z } from "zod";
import { declareJob } from "../jobs/define-job";
import { enqueue } from "../jobs/enqueue";
import { MAINTENANCE_QUEUE } from "../jobs/maintenance-jobs";

// A queue of its own: a checkout and a command of up to ten minutes must not hold up other work.
export const DETECTIONS_QUEUE = "campaign-detections";

export const runDetectionJob = declareJob({
  name: "campaigns.detect",
  queue: DETECTIONS_QUEUE,
  schema: z.object({ detectionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict(),
  // What fails inside the detection is its outcome (error, with the reason); a retry is for the worker's own trouble.
  retry: () => ({ attempts: 3, backoffMs: 5_000 }),
});

/** Merged campaign PRs not detected since, and pending detections whose job was lost (Redis keeps nothing). */
export const reconcileDetectionsJob = declareJob({
  name: "campaigns.reconcile-detections",
  queue: MAINTENANCE_QUEUE,
  schema: z.object({}).strict(),
  every: { ms: 30_000, payload: {} },
});

/** key separates the reconciler's re-enqueue from the first job (a finished job keeps its id for a while). */
export const enqueueDetection = (detectionId: string, key = "0") =>
  enqueue(runDetectionJob, { detectionId }, { jobId: `detect-${detectionId}-${key}` });
