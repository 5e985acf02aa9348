import { rotateWebhookSecretRoute } from "@/server/api/webhooks";
import { withAuthz } from "@/server/http/with-authz";
import { rotateWebhookSecret } from "@/server/webhooks/rotate-webhook-secret";

export const POST = withAuthz(rotateWebhookSecretRoute, ({ ctx, params }) => rotateWebhookSecret(ctx, params.webhookId));
