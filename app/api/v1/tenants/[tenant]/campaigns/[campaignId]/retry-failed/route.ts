import { retryFailedRuns } from "@/server/campaigns/retry-failed-runs";
import { retryFailedRoute } from "@/server/contracts/campaigns";
import { withAuthz } from "@/server/http/with-authz";

export const POST = withAuthz(retryFailedRoute, ({ ctx, params, body }) => retryFailedRuns(ctx, params.campaignId, body));
