import { campaignCostRoute } from "@/server/contracts/cost";
import { getCampaignCost } from "@/server/cost/get-campaign-cost";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(campaignCostRoute, ({ ctx, params }) => getCampaignCost(ctx, params.campaignId));
