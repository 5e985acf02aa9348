// Preview: the plan a spec would get now, written nowhere (no campaign, no decision record). The
// decisions are the policy's own evaluation, the one launch repeats and keeps as evidence. cost: what
// the canary wave would cost against the tenant's and teams' budgets (wave-cost.ts), as launch checks it.
import type { OpContext } from "../core/op-context";
import type { CampaignBody } from "./campaign-input";
import { evaluateOnly, planCampaign, waveRepositories } from "./plan-campaign";
import { planPreview } from "./plan-view";
import { readCampaignSpec } from "./read-campaign-spec";
import { waveCost } from "./wave-cost";

export async function previewCampaign(ctx: OpContext, body: CampaignBody) {
  const read = readCampaignSpec(body);
  const plan = await planCampaign(ctx.tx, ctx.scope, read, evaluateOnly(ctx.scope));
  const cost = await waveCost(ctx.tx, { tenantId: ctx.scope.tenant.id, campaignId: null, taskClass: read.spec.change.taskClass, wave: 0, repositoryIds: waveRepositories(plan, 0) });
  return { ...planPreview(plan), cost };
}
