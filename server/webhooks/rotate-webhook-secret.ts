import type { OpContext } from "../core/op-context";
import { lockEndpoint } from "./find-endpoint";
import { generateSigningSecret, sealSecret } from "./secret-box";
import { endpointInclude, endpointView, type WebhookEndpointView } from "./webhook-view";

/**
 * A new signing secret, shown once; the old one stops at once (deliveries from now on, retries of
 * earlier ones included, are signed with the new one).
 */
export async function rotateWebhookSecret(ctx: OpContext, webhookId: string): Promise<WebhookEndpointView & { secret: string }> {
  const current = await lockEndpoint(ctx, webhookId);
  const { secret, prefix } = generateSigningSecret();
  const row = await ctx.tx.webhookEndpoint.update({
    where: { id: current.id }, data: { secretEncrypted: sealSecret(secret, current.tenantId), secretPrefix: prefix }, include: endpointInclude,
  });
  await ctx.audit({
    action: "webhook.rotate_secret", resourceType: "webhook", resourceId: row.id,
    before: { signingKeyPrefix: current.secretPrefix }, after: { signingKeyPrefix: prefix },
  });
  return { ...endpointView(row), secret };
}
