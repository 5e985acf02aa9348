import type { Metadata } from "next";
import { CampaignDetailView } from "@/components/campaigns/campaign-detail";
import { isLive } from "@/components/campaigns/labels";
import { CampaignSpend } from "@/components/cost/campaign-spend";
import { can } from "@/server/authz/authorize";
import { env } from "@/server/env";
import { loadCampaign } from "./load-campaign";

export const metadata: Metadata = { title: "Campaign" };

export default async function CampaignPage({ params }: { params: Promise<{ tenant: string; campaignId: string }> }) {
  const { tenant, campaignId } = await params;
  const { scope, campaign } = await loadCampaign(tenant, campaignId);
  const spend = can(scope, "cost.read") ? <CampaignSpend tenant={scope.tenant.slug} campaignId={campaign.id} currency={env().COST_CURRENCY} live={isLive(campaign.state)} /> : null;
  return <CampaignDetailView key={campaign.id} tenant={scope.tenant.slug} initial={campaign} canManage={can(scope, "campaign.manage")} spend={spend} />;
}
