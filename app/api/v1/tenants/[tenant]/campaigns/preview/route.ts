import { previewCampaign } from "@/server/campaigns/preview-campaign";
import { previewCampaignRoute } from "@/server/contracts/campaigns";
import { withAuthz } from "@/server/http/with-authz";

export const POST = withAuthz(previewCampaignRoute, ({ ctx, body }) => previewCampaign(ctx, body));
