// Saving a new campaign as a draft, with its plan (targets and waves) against the fleet now. Bad
// specs, targets the tenant does not have and wave plans that do not cover every eligible target
// are refused with the field named, and nothing is written.
import { actorLabel } from "../authz/scope";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import type { Prisma } from "../db/generated/client";
import type { CampaignBody } from "./campaign-input";
import { getCampaign } from "./get-campaign";
import { evaluateOnly, planCampaign } from "./plan-campaign";
import { planSummary } from "./plan-view";
import { readCampaignSpec } from "./read-campaign-spec";
import { savePlan } from "./save-plan";

export const nameTaken = (name: string) => new AppError("conflict", `a campaign named "${name}" already exists in this tenant`);

export async function createCampaign(ctx: OpContext, body: CampaignBody) {
  const tenantId = ctx.scope.tenant.id;
  const read = readCampaignSpec(body);
  const { spec } = read;
  if (await ctx.tx.campaign.findUnique({ where: { tenantId_name: { tenantId, name: spec.name } }, select: { id: true } })) throw nameTaken(spec.name);
  const actor = ctx.scope.actor;
  // Created first so the plan can name it: campaign-level policy documents target its id.
  const campaign = await ctx.tx.campaign.create({
    data: {
      tenantId, name: spec.name, description: spec.description, specYaml: read.yaml, spec: spec as Prisma.InputJsonObject,
      ownerId: actor.kind === "user" ? actor.id : actor.userId, ownerLabel: actorLabel(actor),
    },
  });
  const plan = await planCampaign(ctx.tx, ctx.scope, read, evaluateOnly(ctx.scope), campaign.id);
  await savePlan(ctx.tx, campaign, plan);
  const summary = planSummary(plan);
  await ctx.audit({
    action: "campaign.create", resourceType: "campaign", resourceId: campaign.id,
    after: { name: spec.name, taskClass: spec.change.taskClass, autonomy: spec.autonomy, ...summary.counts, waves: plan.waves, launchNeedsApproval: plan.launchNeedsApproval },
  });
  return { campaign: await getCampaign(ctx, campaign.id), plan: summary };
}
