import { listDeliveriesRoute } from "@/server/contracts/webhooks";
import { withAuthz } from "@/server/http/with-authz";
import { listDeliveries } from "@/server/webhooks/list-deliveries";

export const GET = withAuthz(listDeliveriesRoute, ({ ctx, params, query }) => listDeliveries(ctx, params.webhookId, query));
