// A plan as the preview shows it (and create and update return with the saved campaign).
import type { z } from "zod";
import type { ZCampaignPreview, ZPlanSummary } from "./campaign-view";
import type { CampaignPlan } from "./plan-campaign";

export function planSummary(plan: CampaignPlan): z.infer<typeof ZPlanSummary> {
  const eligible = plan.targets.filter((t) => t.eligible).length;
  return {
    counts: { targets: plan.targets.length, eligible, excluded: plan.targets.length - eligible },
    waves: plan.waves.map((size, index) => ({ index, size })),
    notes: plan.notes, excludedBySpec: plan.excludedBySpec, launchNeedsApproval: plan.launchNeedsApproval, estimate: plan.estimate,
  };
}

/** Eligible targets first, by wave (canaries first), then the excluded ones, by name. */
export function planPreview(plan: CampaignPlan): Omit<z.infer<typeof ZCampaignPreview>, "cost"> {
  const targets = plan.targets.map((t) => ({
    repositoryId: t.repo.id, fullName: t.repo.fullName, riskTier: t.repo.riskTier, team: t.repo.team ? { slug: t.repo.team.slug, name: t.repo.team.name } : null,
    verifierProfile: t.repo.verifierProfile, eligible: t.eligible, decision: t.decision, excludedRule: t.excludedRule, excludedReason: t.excludedReason,
    waveIndex: t.waveIndex, canaryReason: t.canaryReason,
  })).sort((a, b) => (a.waveIndex ?? Infinity) - (b.waveIndex ?? Infinity) || a.fullName.localeCompare(b.fullName));
  return { ...planSummary(plan), targets };
}
