import { rotateWebhookSecretRoute } from "@/server/contracts/webhooks";
import { withAuthz } from "@/server/http/with-authz";
import { rotateWebhookSecret } from "@/server/webhooks/rotate-webhook-secret";

export const POST = withAuthz(rotateWebhookSecretRoute, ({ ctx, params }) => rotateWebhookSecret(ctx, params.webhookId));
