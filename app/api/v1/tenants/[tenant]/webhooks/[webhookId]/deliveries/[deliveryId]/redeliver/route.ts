import { redeliverRoute } from "@/server/contracts/webhooks";
import { withAuthz } from "@/server/http/with-authz";
import { redeliverDelivery } from "@/server/webhooks/redeliver-delivery";

export const POST = withAuthz(redeliverRoute, ({ ctx, params }) => redeliverDelivery(ctx, params.webhookId, params.deliveryId));
