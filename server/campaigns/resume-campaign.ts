// Resuming a paused campaign: its waves run again and its waiting runs go back to the queue at once.
import { actorLabel } from "../authz/scope";
import type { OpContext } from "../core/op-context";
import { enqueueRun } from "../runs/run-jobs";
import { lockCampaign, moveWaves, transitionCampaign, wrongState } from "./campaign-transitions";
import { getCampaign } from "./get-campaign";

export async function resumeCampaign(ctx: OpContext, campaignId: string, body: { note?: string }) {
  const c = await lockCampaign(ctx, campaignId);
  if (c.state !== "paused") throw wrongState(c.state, "only a paused campaign can be resumed");
  const cause = `resumed by ${actorLabel(ctx.scope.actor)}${body.note ? `: ${body.note}` : ""}`;
  await transitionCampaign(ctx.tx, c.id, { to: "running", cause, action: "campaign.resume", audit: ctx.audit });
  await moveWaves(ctx.tx, c.id, ["paused"], "running", cause);
  const waiting = await ctx.tx.run.findMany({ where: { tenantId: c.tenantId, campaignId: c.id, state: "queued" }, select: { id: true }, orderBy: { queuedAt: "asc" } });
  const round = Date.now();
  if (waiting.length) ctx.afterCommit(async () => { for (const r of waiting) await enqueueRun(r.id, `campaign-resumed-${round}`); });
  return getCampaign(ctx, c.id);
}
