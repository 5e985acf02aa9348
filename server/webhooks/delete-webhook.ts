import type { OpContext } from "../core/op-context";
import { lockEndpoint } from "./find-endpoint";
import { maskedUrl } from "./url-policy";
import { endpointView, type WebhookEndpointView } from "./webhook-view";

/** Removes the endpoint and its delivery log; deliveries still queued find nothing and stop. */
export async function deleteWebhook(ctx: OpContext, webhookId: string): Promise<WebhookEndpointView> {
  const row = await lockEndpoint(ctx, webhookId);
  const deliveries = await ctx.tx.webhookDelivery.count({ where: { endpointId: row.id } });
  await ctx.tx.webhookEndpoint.delete({ where: { id: row.id } });
  await ctx.audit({
    action: "webhook.delete", resourceType: "webhook", resourceId: row.id,
    before: { url: maskedUrl(row.url), description: row.description, events: row.events, enabled: row.enabled, deliveries },
  });
  return endpointView({ ...row, deliveries: [] });
}
