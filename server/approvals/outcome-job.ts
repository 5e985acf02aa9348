// Decided requests move their waiting work on through this job: it carries the request id only, and
// the database holds the outcome. This is its declaration, which deciding code imports; the worker
// runs applyOutcome (apply-outcome.ts) with the consumers of server/wiring/approval-consumers.ts.
import { z } from "zod";
import { declareJob } from "../jobs/define-job";
import { enqueue } from "../jobs/enqueue";

export const APPROVALS_QUEUE = "approvals";

export const applyOutcomeJob = declareJob({
  name: "approvals.apply-outcome",
  queue: APPROVALS_QUEUE,
  schema: z.object({ requestId: z.string().min(1).max(64) }).strict(),
});

/** jobId makes a second enqueue of the same outcome a no-op while the first is queued. */
export const enqueueOutcome = (requestId: string) => enqueue(applyOutcomeJob, { requestId }, { jobId: `apply-${requestId}` });
