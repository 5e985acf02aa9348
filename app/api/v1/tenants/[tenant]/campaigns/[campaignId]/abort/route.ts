import { abortCampaign } from "@/server/campaigns/abort-campaign";
import { abortCampaignRoute } from "@/server/contracts/campaigns";
import { withAuthz } from "@/server/http/with-authz";

export const POST = withAuthz(abortCampaignRoute, ({ ctx, params, body }) => abortCampaign(ctx, params.campaignId, body));
