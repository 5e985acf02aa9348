// Preview: the plan a spec would get now, written nowhere (no campaign, no decision record). The
// decisions are the policy's own evaluation, the one launch repeats and keeps as evidence.
import type { OpContext } from "../core/op-context";
import type { CampaignBody } from "./campaign-input";
import { evaluateOnly, planCampaign } from "./plan-campaign";
import { planPreview } from "./plan-view";
import { readCampaignSpec } from "./read-campaign-spec";

export async function previewCampaign(ctx: OpContext, body: CampaignBody) {
  const read = readCampaignSpec(body);
  return planPreview(await planCampaign(ctx.tx, ctx.scope, read, evaluateOnly(ctx.scope)));
}
