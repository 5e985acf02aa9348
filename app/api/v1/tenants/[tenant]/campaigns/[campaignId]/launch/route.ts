import { launchCampaign } from "@/server/campaigns/launch-campaign";
import { launchCampaignRoute } from "@/server/contracts/campaigns";
import { withAuthz } from "@/server/http/with-authz";

export const POST = withAuthz(launchCampaignRoute, ({ ctx, params, body }) => launchCampaign(ctx, params.campaignId, body));
