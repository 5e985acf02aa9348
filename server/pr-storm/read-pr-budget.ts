// The tenant's budget of agent PRs per hour, as the dashboard draws it against the creation rate.
// Read here only, so when the policy carries the tenant-wide budget (the PR-storm caps) this one
// function changes: today the campaign caps are what exists, so the budget shown is the tightest
// prsPerHour among the tenant's campaigns under way (or the filtered campaign's own).
import type { Tx } from "../db/client";
import { ZCampaignSpec } from "../campaigns/campaign-spec";
import type { PrBudget } from "./pr-storm-view";

export async function readPrBudget(tx: Tx, tenantId: string, campaignId?: string): Promise<PrBudget | null> {
  const campaigns = await tx.campaign.findMany({
    where: { tenantId, ...(campaignId ? { id: campaignId } : { state: { in: ["running", "paused"] } }) },
    select: { name: true, spec: true },
  });
  let best: PrBudget | null = null;
  for (const c of campaigns) {
    const caps = ZCampaignSpec.safeParse(c.spec).data?.caps?.prsPerHour;
    if (caps && (!best || caps.rate < best.perHour)) best = { perHour: caps.rate, burst: caps.burst, source: `campaign ${c.name}'s caps` };
  }
  return best;
}
