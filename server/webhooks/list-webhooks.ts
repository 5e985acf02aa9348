import type { OpContext } from "../core/op-context";
import { MAX_ENDPOINTS_PER_TENANT } from "./webhook-input";
import { endpointInclude, endpointView, type WebhookEndpointView } from "./webhook-view";

export async function listWebhooks(ctx: OpContext): Promise<{ webhooks: WebhookEndpointView[] }> {
  const rows = await ctx.tx.webhookEndpoint.findMany({
    where: { tenantId: ctx.scope.tenant.id }, include: endpointInclude, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: MAX_ENDPOINTS_PER_TENANT * 5,
  });
  return { webhooks: rows.map(endpointView) };
}
