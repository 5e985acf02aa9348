import { actOnChangesets } from "@/server/campaigns/act-on-changesets";
import { bulkCampaignChangesetsRoute } from "@/server/contracts/campaigns";
import { withAuthz } from "@/server/http/with-authz";

export const POST = withAuthz(bulkCampaignChangesetsRoute, ({ ctx, params, body }) => actOnChangesets(ctx, params.campaignId, body));
