// What governs one merged changeset's watch: the soak (the policy's post_merge_soak_minutes at the
// changeset's place, lengthened by its campaign's gates.soakMinutes; a campaign never shortens what
// policy asks, as lower levels only restrict) and whether the policy lets Fleetgate open the revert PR
// on its own. Read from PostgreSQL only, so it may run inside a delivery's or a job's transaction.
import type { Tx } from "../../db/client";
import { effectiveGovernance, type Place } from "../../policy/effective-governance";
import { loadPolicySets } from "../../policy/load-policy-sets";

export type HealthPolicy = { soakMinutes: number; autoRevert: boolean; soakFrom: string };

type Cs = { tenantId: string; taskId: string; campaignId: string | null; repository: { name: string; team: { slug: string } | null } };

function campaignSoak(spec: unknown): number | null {
  const v = (spec as { gates?: { soakMinutes?: unknown } } | null)?.gates?.soakMinutes;
  return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : null;
}

export async function healthPolicy(tx: Tx, cs: Cs): Promise<HealthPolicy> {
  const place: Place = { repository: cs.repository.name, ...(cs.repository.team ? { team: cs.repository.team.slug } : {}), ...(cs.campaignId ? { campaign: cs.campaignId } : {}), task: cs.taskId };
  const [sets, campaign] = await Promise.all([
    loadPolicySets(tx, cs.tenantId),
    cs.campaignId ? tx.campaign.findFirst({ where: { id: cs.campaignId, tenantId: cs.tenantId }, select: { name: true, spec: true } }) : null,
  ]);
  const { postMergeSoakMinutes, autoRevert } = effectiveGovernance(sets.active, place).publishing;
  const fromCampaign = campaign ? campaignSoak(campaign.spec) : null;
  if (fromCampaign !== null && fromCampaign > postMergeSoakMinutes) return { soakMinutes: fromCampaign, autoRevert, soakFrom: `campaign ${campaign!.name}'s gates.soakMinutes` };
  return { soakMinutes: postMergeSoakMinutes, autoRevert, soakFrom: "policy (governance.publishing.post_merge_soak_minutes)" };
}
