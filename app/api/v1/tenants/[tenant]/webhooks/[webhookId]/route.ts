import { deleteWebhookRoute, getWebhookRoute, updateWebhookRoute } from "@/server/contracts/webhooks";
import { withAuthz } from "@/server/http/with-authz";
import { deleteWebhook } from "@/server/webhooks/delete-webhook";
import { getWebhook } from "@/server/webhooks/get-webhook";
import { updateWebhook } from "@/server/webhooks/update-webhook";

export const GET = withAuthz(getWebhookRoute, ({ ctx, params }) => getWebhook(ctx, params.webhookId));
export const PATCH = withAuthz(updateWebhookRoute, ({ ctx, params, body }) => updateWebhook(ctx, params.webhookId, body));
export const DELETE = withAuthz(deleteWebhookRoute, ({ ctx, params }) => deleteWebhook(ctx, params.webhookId));
