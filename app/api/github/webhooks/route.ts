// GitHub's webhook deliveries (server/github/webhooks/receive-delivery.ts). No session and no tenant:
// the signature over the body (X-Hub-Signature-256) authenticates GitHub, so it is served through
// withPublic like health, and refuses anything unsigned before it reads further.
import { receiveDelivery } from "@/server/github/webhooks/receive-delivery";
import { withPublic } from "@/server/http/with-public";

export const dynamic = "force-dynamic";

export const POST = withPublic((req) => receiveDelivery(req));
