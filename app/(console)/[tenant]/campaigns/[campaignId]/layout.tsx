import type { ReactNode } from "react";
import { loadCampaign } from "./load-campaign";

/** A campaign that is not there or is another tenant's answers 404 from here, outside the page's loading boundary. */
export default async function CampaignLayout({ children, params }: { children: ReactNode; params: Promise<{ tenant: string; campaignId: string }> }) {
  const { tenant, campaignId } = await params;
  await loadCampaign(tenant, campaignId);
  return children;
}
