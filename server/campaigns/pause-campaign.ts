// Pausing a running campaign: its queued runs wait (the worker leaves a paused campaign's runs in
// the queue, as a paused scheduler does), running ones go on, and no wave moves.
import { actorLabel } from "../authz/scope";
import type { OpContext } from "../core/op-context";
import { lockCampaign, moveWaves, transitionCampaign, wrongState } from "./campaign-transitions";
import { getCampaign } from "./get-campaign";

export async function pauseCampaign(ctx: OpContext, campaignId: string, body: { reason: string }) {
  const c = await lockCampaign(ctx, campaignId);
  if (c.state !== "running") throw wrongState(c.state, "only a running campaign can be paused");
  const cause = `paused by ${actorLabel(ctx.scope.actor)}: ${body.reason}`;
  await transitionCampaign(ctx.tx, c.id, { to: "paused", cause, action: "campaign.pause", audit: ctx.audit });
  await moveWaves(ctx.tx, c.id, ["running"], "paused", cause);
  return getCampaign(ctx, c.id);
}
