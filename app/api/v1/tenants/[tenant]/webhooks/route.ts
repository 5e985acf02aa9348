import { createWebhookRoute, listWebhooksRoute } from "@/server/contracts/webhooks";
import { withAuthz } from "@/server/http/with-authz";
import { createWebhook } from "@/server/webhooks/create-webhook";
import { listWebhooks } from "@/server/webhooks/list-webhooks";

export const GET = withAuthz(listWebhooksRoute, ({ ctx }) => listWebhooks(ctx));
export const POST = withAuthz(createWebhookRoute, ({ ctx, body }) => createWebhook(ctx, body));
