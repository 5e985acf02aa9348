import { getDeliveryRoute } from "@/server/contracts/webhooks";
import { withAuthz } from "@/server/http/with-authz";
import { getDelivery } from "@/server/webhooks/list-deliveries";

export const GET = withAuthz(getDeliveryRoute, ({ ctx, params }) => getDelivery(ctx, params.webhookId, params.deliveryId));
