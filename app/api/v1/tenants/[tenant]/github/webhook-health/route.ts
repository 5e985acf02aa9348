import { webhookHealthRoute } from "@/server/contracts/github";
import { getWebhookHealth } from "@/server/github/installations/get-webhook-health";
import { withAuthz } from "@/server/http/with-authz";

export const GET = withAuthz(webhookHealthRoute, ({ ctx }) => getWebhookHealth(ctx));
