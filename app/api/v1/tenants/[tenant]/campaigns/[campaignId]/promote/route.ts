import { promoteCampaign } from "@/server/campaigns/promote-campaign";
import { promoteCampaignRoute } from "@/server/contracts/campaigns";
import { withAuthz } from "@/server/http/with-authz";

export const POST = withAuthz(promoteCampaignRoute, ({ ctx, params, body }) => promoteCampaign(ctx, params.campaignId, body));
