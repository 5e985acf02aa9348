// The caps one changeset publishes under: each the lowest of its levels (the policy that applies to
// its place, then its campaign's spec), so a lower level only restricts. Pure.
import type { Schedule } from "../../campaigns/schedule-window";
import type { EffectiveGovernance } from "../../policy/effective-governance";
import type { Budget } from "./token-bucket";

/** What a campaign's spec says about pacing (spec.caps and spec.schedule). */
export type CampaignPacing = {
  id: string;
  name: string;
  prsPerHour: Budget | null;
  openPerTeam: number | null;
  awaitingReviewPerTeam: number | null;
  perRepository: number | null;
  perWave: number | null;
  /** A security fix skips the hourly budgets, never the team, repository or wave caps. */
  securityFix: boolean;
  schedule: Schedule | null;
};

export type CapSet = {
  /** The tenant's hourly budget; null when it does not apply (none set, or a security fix). */
  tenantBudget: Budget | null;
  /** The campaign's own hourly budget (its spec's caps.prsPerHour), skipped by a security fix too. */
  campaignBudget: Budget | null;
  openPerTeam: number | null;
  awaitingReviewPerTeam: number | null;
  perRepository: number | null;
  perWave: number | null;
  schedule: Schedule | null;
};

const min = (...xs: (number | null | undefined)[]) => {
  const set = xs.filter((x): x is number => typeof x === "number");
  return set.length ? Math.min(...set) : null;
};

export function capSet(governance: Pick<EffectiveGovernance, "publishing" | "limits">, campaign: CampaignPacing | null): CapSet {
  const p = governance.publishing.caps;
  const bypass = campaign?.securityFix === true;
  return {
    tenantBudget: bypass ? null : p.prsPerHour,
    campaignBudget: bypass ? null : (campaign?.prsPerHour ?? null),
    openPerTeam: min(p.openPerTeam, campaign?.openPerTeam),
    awaitingReviewPerTeam: min(p.awaitingReviewPerTeam, campaign?.awaitingReviewPerTeam),
    perRepository: min(p.perRepository, campaign?.perRepository),
    // The policy's limits.max_prs_per_wave bounds a wave's live PRs too; only campaign work has waves.
    perWave: campaign ? min(governance.limits.maxPrsPerWave, campaign.perWave) : null,
    schedule: campaign?.schedule ?? null,
  };
}
