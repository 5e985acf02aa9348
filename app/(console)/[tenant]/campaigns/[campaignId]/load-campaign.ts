import { notFound } from "next/navigation";
import { cache } from "react";
import { getCampaign } from "@/server/campaigns/get-campaign";
import { AppError } from "@/server/core/app-error";
import { readContext } from "@/server/core/read-context";
import { ZId } from "@/server/http/define-route";
import { pageScope } from "../../../_lib/page-scope";

/** One campaign as the signed-in person may see it, once per render; otherwise 404 (another tenant's too). */
export const loadCampaign = cache(async (tenant: string, campaignId: string) => {
  const { scope } = await pageScope(tenant, "campaign.read");
  if (!ZId.safeParse(campaignId).success) notFound();
  try {
    return { scope, campaign: await getCampaign(readContext(scope), campaignId) };
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  }
});
