import { listCampaignTargets } from "@/server/campaigns/list-campaign-targets";
import { listCampaignTargetsRoute } from "@/server/contracts/campaigns";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(listCampaignTargetsRoute, ({ ctx, params, query }) => listCampaignTargets(ctx, params.campaignId, query));
