import { createCampaign } from "@/server/campaigns/create-campaign";
import { listCampaigns } from "@/server/campaigns/list-campaigns";
import { createCampaignRoute, listCampaignsRoute } from "@/server/contracts/campaigns";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(listCampaignsRoute, ({ ctx, query }) => listCampaigns(ctx, query));
export const POST = withAuthz(createCampaignRoute, ({ ctx, body }) => createCampaign(ctx, body));
