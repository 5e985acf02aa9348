// Aborting a campaign, from any state but an ended one: a launch waiting for approval is withdrawn,
// runs that have not started (queued, awaiting approval) end at once with their approval requests,
// executing ones are asked to stop (their worker does within a heartbeat), and its waves end. The
// tasks of waves not yet reached stay without runs. With closeDrafts, its unmerged agent PRs (draft,
// open, or waiting for a person; not one a person committed to) are closed with a comment naming the
// abort, by changeset actions done after the commit (the path bulk close and kill switches take).
import type { z } from "zod";
import { cancelApprovalsForSubject } from "../approvals/cancel-approval";
import { actorLabel } from "../authz/scope";
import type { OpContext } from "../core/op-context";
import { enqueueChangesetActions } from "../github/changesets/changeset-action-job";
import { requestChangesetActions } from "../github/changesets/request-changeset-actions";
import { appendRunEvent } from "../runs/run-events";
import { ACTIVE_STATES, transitionRun } from "../runs/run-transitions";
import type { ZAbortCampaign } from "./campaign-input";
import { isEnded, lockCampaign, moveWaves, transitionCampaign, wrongState } from "./campaign-transitions";
import { getCampaign } from "./get-campaign";

/** The unmerged PRs an abort closes: a person's commits on an edited branch are theirs to keep. */
const CLOSED_ON_ABORT = ["draft", "open", "needs_human", "blocked"] as const;

export async function abortCampaign(ctx: OpContext, campaignId: string, body: z.input<typeof ZAbortCampaign>) {
  const c = await lockCampaign(ctx, campaignId);
  if (isEnded(c.state)) throw wrongState(c.state, "it has ended; there is nothing to abort");
  const who = actorLabel(ctx.scope.actor);
  const cause = `aborted by ${who}: ${body.reason}`;
  const withdrawn = await cancelApprovalsForSubject(ctx, "campaign", c.id, `the campaign was aborted by ${who}`);
  const runs = await ctx.tx.run.findMany({
    where: { tenantId: c.tenantId, campaignId: c.id, state: { in: ["queued", "awaiting_approval", ...ACTIVE_STATES] } },
    select: { id: true, tenantId: true, state: true, cancelRequested: true }, orderBy: { id: "asc" },
  });
  let stopped = 0;
  let stopping = 0;
  for (const run of runs) {
    // Locked first, as cancelling one run does: a worker taking it meanwhile sees one state.
    await ctx.tx.$queryRaw`SELECT 1 FROM "Run" WHERE id = ${run.id} FOR UPDATE`;
    if (run.state === "queued" || run.state === "awaiting_approval") {
      await cancelApprovalsForSubject(ctx, "run", run.id, `its campaign was aborted by ${who}`);
      if (await transitionRun(ctx.tx, run.id, { to: "cancelled", failureClass: "cancelled", cause, audit: ctx.audit, data: { campaign: c.id } })) stopped++;
    } else if (!run.cancelRequested) {
      await ctx.tx.run.update({ where: { id: run.id }, data: { cancelRequested: true } });
      await appendRunEvent(ctx.tx, run, { kind: "log", message: `cancel requested: ${cause}` });
      stopping++;
    }
  }
  let closing = 0;
  if (body.closeDrafts) {
    const open = await ctx.tx.changeset.findMany({
      where: { tenantId: c.tenantId, campaignId: c.id, state: { in: [...CLOSED_ON_ABORT] }, prNumber: { not: null } },
      select: { id: true, tenantId: true, campaignId: true },
    });
    const ids = await requestChangesetActions(ctx.tx, open, {
      kind: "close", batchId: `abort-${c.id}`, cause: `campaign ${c.name} ${cause}`, requestedBy: who,
      comment: `Fleetgate closed this pull request: its campaign ${c.name} was ${cause}.`,
    });
    closing = ids.length;
    ctx.afterCommit(() => enqueueChangesetActions(ids));
  }
  await transitionCampaign(ctx.tx, c.id, {
    to: "aborted", cause, action: "campaign.abort", audit: ctx.audit,
    data: { runsStopped: stopped, runsStopping: stopping, approvalsWithdrawn: withdrawn, closeDrafts: !!body.closeDrafts, pullRequestsClosing: closing, actionBatch: closing ? `abort-${c.id}` : null },
  });
  await moveWaves(ctx.tx, c.id, ["running", "paused"], "done", cause);
  return getCampaign(ctx, c.id);
}
