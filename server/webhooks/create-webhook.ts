import type { z } from "zod";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { generateSigningSecret, sealSecret } from "./secret-box";
import { maskedUrl } from "./url-policy";
import { endpointView, type WebhookEndpointView } from "./webhook-view";
import { acceptedUrl, MAX_ENDPOINTS_PER_TENANT, type ZCreateWebhook } from "./webhook-input";

export async function createWebhook(ctx: OpContext, input: z.infer<typeof ZCreateWebhook>): Promise<WebhookEndpointView & { secret: string }> {
  const tenantId = ctx.scope.tenant.id;
  const url = acceptedUrl(input.url);
  // Serialises creations in a tenant so the bound holds under concurrency.
  await ctx.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`webhooks:${tenantId}`}))`;
  if ((await ctx.tx.webhookEndpoint.count({ where: { tenantId } })) >= MAX_ENDPOINTS_PER_TENANT) {
    throw new AppError("conflict", `a tenant has at most ${MAX_ENDPOINTS_PER_TENANT} webhooks; delete one first`);
  }
  const { secret, prefix } = generateSigningSecret();
  const row = await ctx.tx.webhookEndpoint.create({
    data: {
      tenantId, url, description: input.description, events: input.events, enabled: input.enabled, digestThreshold: input.digestThreshold,
      secretEncrypted: sealSecret(secret, tenantId), secretPrefix: prefix,
    },
  });
  await ctx.audit({
    action: "webhook.create", resourceType: "webhook", resourceId: row.id,
    after: { url: maskedUrl(url), description: row.description, events: row.events, enabled: row.enabled, digestThreshold: row.digestThreshold, signingKeyPrefix: prefix },
  });
  return { ...endpointView({ ...row, deliveries: [] }), secret };
}
