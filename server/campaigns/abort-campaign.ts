// Aborting a campaign, from any state but an ended one: a launch waiting for approval is withdrawn,
// runs that have not started (queued, awaiting approval) end at once with their approval requests,
// executing ones are asked to stop (their worker does within a heartbeat), and its waves end. The
// tasks of waves not yet reached stay without runs. Closing unmerged drafts comes with wave work.
import { cancelApprovalsForSubject } from "../approvals/cancel-approval";
import { actorLabel } from "../authz/scope";
import type { OpContext } from "../core/op-context";
import { appendRunEvent } from "../runs/run-events";
import { ACTIVE_STATES, transitionRun } from "../runs/run-transitions";
import { isEnded, lockCampaign, moveWaves, transitionCampaign, wrongState } from "./campaign-transitions";
import { getCampaign } from "./get-campaign";

export async function abortCampaign(ctx: OpContext, campaignId: string, body: { reason: string }) {
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
  await transitionCampaign(ctx.tx, c.id, { to: "aborted", cause, action: "campaign.abort", audit: ctx.audit, data: { runsStopped: stopped, runsStopping: stopping, approvalsWithdrawn: withdrawn } });
  await moveWaves(ctx.tx, c.id, ["running", "paused"], "done", cause);
  return getCampaign(ctx, c.id);
}
