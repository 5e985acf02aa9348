// A kill switch with close_drafts: its covered agent draft PRs are closed by a job (GitHub writes
// are paced and may wait), each with a comment saying which switch and why.
import { z } from "zod";
import { declareJob } from "../../jobs/define-job";
import { enqueue } from "../../jobs/enqueue";
import { GITHUB_QUEUE } from "../publish/publish-job";

export const closeDraftsJob = declareJob({
  name: "github.close-drafts",
  queue: GITHUB_QUEUE,
  schema: z.object({ killSwitchId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict(),
  retry: () => ({ attempts: 8, backoffMs: 2_000 }),
});

export const enqueueCloseDrafts = (killSwitchId: string) => enqueue(closeDraftsJob, { killSwitchId }, { jobId: `close-drafts-${killSwitchId}` });
