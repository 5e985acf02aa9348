import { resumeCampaign } from "@/server/campaigns/resume-campaign";
import { resumeCampaignRoute } from "@/server/contracts/campaigns";
import { withAuthz } from "@/server/http/with-authz";

export const POST = withAuthz(resumeCampaignRoute, ({ ctx, params, body }) => resumeCampaign(ctx, params.campaignId, body));
