import { pauseCampaign } from "@/server/campaigns/pause-campaign";
import { pauseCampaignRoute } from "@/server/contracts/campaigns";
import { withAuthz } from "@/server/http/with-authz";

export const POST = withAuthz(pauseCampaignRoute, ({ ctx, params, body }) => pauseCampaign(ctx, params.campaignId, body));
