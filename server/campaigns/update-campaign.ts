// Changing a draft's spec: planned again and saved whole; anything but a draft answers 409 with its state.
import type { OpContext } from "../core/op-context";
import type { Prisma } from "../db/generated/client";
import type { CampaignBody } from "./campaign-input";
import { lockCampaign, wrongState } from "./campaign-transitions";
import { nameTaken } from "./create-campaign";
import { getCampaign } from "./get-campaign";
import { evaluateOnly, planCampaign } from "./plan-campaign";
import { planSummary } from "./plan-view";
import { readCampaignSpec } from "./read-campaign-spec";
import { savePlan } from "./save-plan";

export async function updateCampaign(ctx: OpContext, campaignId: string, body: CampaignBody) {
  const c = await lockCampaign(ctx, campaignId);
  if (c.state !== "draft") throw wrongState(c.state, "only a draft can be changed");
  const read = readCampaignSpec(body);
  const { spec } = read;
  if (spec.name !== c.name && (await ctx.tx.campaign.findUnique({ where: { tenantId_name: { tenantId: c.tenantId, name: spec.name } }, select: { id: true } }))) {
    throw nameTaken(spec.name);
  }
  const plan = await planCampaign(ctx.tx, ctx.scope, read, evaluateOnly(ctx.scope), c.id);
  await ctx.tx.campaign.update({ where: { id: c.id }, data: { name: spec.name, description: spec.description, specYaml: read.yaml, spec: spec as Prisma.InputJsonObject, stateReason: null } });
  await savePlan(ctx.tx, c, plan);
  const summary = planSummary(plan);
  await ctx.audit({
    action: "campaign.update", resourceType: "campaign", resourceId: c.id,
    before: { name: c.name, targets: c.targetCount, eligible: c.eligibleCount, waves: c.waveCount },
    after: { name: spec.name, ...summary.counts, waves: plan.waves, launchNeedsApproval: plan.launchNeedsApproval },
  });
  return { campaign: await getCampaign(ctx, c.id), plan: summary };
}
