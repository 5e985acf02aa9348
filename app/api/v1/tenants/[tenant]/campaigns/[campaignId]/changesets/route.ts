import { listCampaignChangesets } from "@/server/campaigns/list-campaign-changesets";
import { listCampaignChangesetsRoute } from "@/server/contracts/campaigns";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(listCampaignChangesetsRoute, ({ ctx, params, query }) => listCampaignChangesets(ctx, params.campaignId, query));
