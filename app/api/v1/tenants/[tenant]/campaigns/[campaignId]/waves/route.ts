import { getCampaignWaves } from "@/server/campaigns/get-campaign-waves";
import { getCampaignWavesRoute } from "@/server/contracts/campaigns";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(getCampaignWavesRoute, ({ ctx, params }) => getCampaignWaves(ctx, params.campaignId));
