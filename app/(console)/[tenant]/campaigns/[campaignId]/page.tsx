import type { Metadata } from "next";
import { CampaignDetailView } from "@/components/campaigns/campaign-detail";
import { can } from "@/server/authz/authorize";
import { loadCampaign } from "./load-campaign";

export const metadata: Metadata = { title: "Campaign" };

export default async function CampaignPage({ params }: { params: Promise<{ tenant: string; campaignId: string }> }) {
  const { tenant, campaignId } = await params;
  const { scope, campaign } = await loadCampaign(tenant, campaignId);
  return <CampaignDetailView key={campaign.id} tenant={scope.tenant.slug} initial={campaign} canManage={can(scope, "campaign.manage")} />;
}
