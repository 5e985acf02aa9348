// The job that does one ChangesetAction (a comment on a changeset's PR, or closing it): it carries the
// action's id only; the row says what and why. Declared apart from its handler
// (apply-changeset-action.ts), which only the worker loads.
import { z } from "zod";
import { declareJob } from "../../jobs/define-job";
import { enqueue } from "../../jobs/enqueue";
import { GITHUB_QUEUE } from "../publish/publish-job";

export const changesetActionJob = declareJob({
  name: "github.changeset-action",
  queue: GITHUB_QUEUE,
  schema: z.object({ actionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict(),
  // GitHub or the network failing: try again, a little later each time (each write is keyed).
  retry: () => ({ attempts: 8, backoffMs: 2_000 }),
});

/** One job per action, keyed by its id: enqueueing twice runs it once. */
export const enqueueChangesetAction = (actionId: string, key = "0") => enqueue(changesetActionJob, { actionId }, { jobId: `changeset-action-${actionId}-${key}` });

export async function enqueueChangesetActions(actionIds: readonly string[]): Promise<void> {
  for (const id of actionIds) await enqueueChangesetAction(id);
}
