import { getCampaign } from "@/server/campaigns/get-campaign";
import { updateCampaign } from "@/server/campaigns/update-campaign";
import { getCampaignRoute, updateCampaignRoute } from "@/server/contracts/campaigns";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(getCampaignRoute, ({ ctx, params }) => getCampaign(ctx, params.campaignId));
export const PATCH = withAuthz(updateCampaignRoute, ({ ctx, params, body }) => updateCampaign(ctx, params.campaignId, body));
