import { getCampaignBurndown } from "@/server/campaigns/get-campaign-burndown";
import { campaignBurndownRoute } from "@/server/contracts/campaigns";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(campaignBurndownRoute, ({ ctx, params, query }) => getCampaignBurndown(ctx, params.campaignId, query));
