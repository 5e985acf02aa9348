// The job that starts a follow-up run: what the delivery handler enqueues once its transaction has
// committed. The worker binds it to startFollowUp (start-follow-up.ts) in server/wiring/job-handlers.ts.
// It carries the request's id only, under that id, so a delivery processed twice adds no second job.
// It waits a moment first: one review arrives as several deliveries (the review, each of its comments
// on the diff), and the run should act on all of them.
import { z } from "zod";
import { declareJob } from "../../jobs/define-job";
import { enqueue } from "../../jobs/enqueue";
import { GITHUB_EVENTS_QUEUE } from "../webhooks/delivery-job";

export const FOLLOW_UP_GATHER_MS = 3_000;

export const startFollowUpJob = declareJob({
  name: "github.start-follow-up",
  queue: GITHUB_EVENTS_QUEUE,
  schema: z.object({ requestId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict(),
});

export const followUpJobId = (requestId: string) => `follow-up-${requestId}`;

export const enqueueFollowUp = (requestId: string, delayMs = FOLLOW_UP_GATHER_MS) =>
  enqueue(startFollowUpJob, { requestId }, { jobId: followUpJobId(requestId), delayMs });
