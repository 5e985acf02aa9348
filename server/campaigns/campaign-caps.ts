// The PR-storm caps each target of a campaign would publish under, resolved as the publisher
// resolves them (server/github/caps/allocate-slots.ts: capSet over the governance at the target's
// place and the campaign's pacing). A campaign not saved yet has no id, so no policy targets it yet.
import { capSet, type CampaignPacing, type CapSet } from "../github/caps/cap-set";
import { pacingOf } from "../github/caps/load-candidates";
import type { CompiledPolicySet } from "../policy/compile";
import { effectiveGovernance } from "../policy/effective-governance";

export type TargetCaps = { pacing: CampaignPacing; of: (repo: { name: string; team: string | null }) => CapSet };

export function targetCaps(policy: CompiledPolicySet, campaign: { id?: string; name: string; spec: unknown }): TargetCaps {
  const pacing = pacingOf({ id: campaign.id ?? "", name: campaign.name, spec: campaign.spec });
  return {
    pacing,
    of: (repo) => capSet(effectiveGovernance(policy, { repository: repo.name, ...(repo.team ? { team: repo.team } : {}), ...(campaign.id ? { campaign: campaign.id } : {}) }), pacing),
  };
}
