// A person promoting a running campaign's next wave now, rather than waiting for its check: the same
// decision (advance-waves.ts), strict. A campaign not running, a wave not finished, a soak not over
// or a promotion already waiting for approval is a 409 saying so, and nothing is written; broken
// gates pause the campaign as they would at the wave's end.
import { actorLabel } from "../authz/scope";
import type { OpContext } from "../core/op-context";
import { advanceWaves } from "./advance-waves";
import { lockCampaign } from "./campaign-transitions";
import { getCampaign } from "./get-campaign";

export async function promoteCampaign(ctx: OpContext, campaignId: string, body: { note?: string }) {
  const c = await lockCampaign(ctx, campaignId);
  const advance = await advanceWaves({
    tx: ctx.tx, label: actorLabel(ctx.scope.actor), audit: ctx.audit, afterCommit: ctx.afterCommit, acting: async () => ctx, strict: true, note: body.note,
  }, c, "promote");
  return { campaign: await getCampaign(ctx, c.id), promotion: advance };
}
