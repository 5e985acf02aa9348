import { detectCampaign } from "@/server/campaigns/detect-campaign";
import { detectCampaignRoute } from "@/server/contracts/campaigns";
import { withAuthz } from "@/server/http/with-authz";

export const POST = withAuthz(detectCampaignRoute, ({ ctx, params, body }) => detectCampaign(ctx, params.campaignId, body));
