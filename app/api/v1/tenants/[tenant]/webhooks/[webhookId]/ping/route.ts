import { pingWebhookRoute } from "@/server/contracts/webhooks";
import { withAuthz } from "@/server/http/with-authz";
import { pingWebhook } from "@/server/webhooks/ping-webhook";

export const POST = withAuthz(pingWebhookRoute, ({ ctx, params }) => pingWebhook(ctx, params.webhookId));
