// Writes a plan as the campaign's targets and waves, replacing the previous plan (a draft is planned
// again at every save, and at launch). Set-based: two deletes and two inserts whatever the size.
import type { Tx } from "../db/client";
import type { CampaignPlan } from "./plan-campaign";

export async function savePlan(tx: Tx, campaign: { id: string; tenantId: string }, plan: CampaignPlan): Promise<void> {
  const { id: campaignId, tenantId } = campaign;
  await tx.campaignTarget.deleteMany({ where: { campaignId } });
  await tx.campaignWave.deleteMany({ where: { campaignId } });
  await tx.campaignTarget.createMany({
    data: plan.targets.map((t) => ({
      tenantId, campaignId, repositoryId: t.repo.id, eligible: t.eligible, excludedRule: t.excludedRule, excludedReason: t.excludedReason,
      waveIndex: t.waveIndex, canaryReason: t.canaryReason,
    })),
  });
  await tx.campaignWave.createMany({ data: plan.waves.map((size, index) => ({ tenantId, campaignId, index, plannedSize: size })) });
  await tx.campaign.update({
    where: { id: campaignId },
    data: { targetCount: plan.targets.length, eligibleCount: plan.targets.filter((t) => t.eligible).length, waveCount: plan.waves.length },
  });
}
