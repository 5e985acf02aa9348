import type { z } from "zod";
import type { OpContext } from "../core/op-context";
import { lockEndpoint } from "./find-endpoint";
import { maskedUrl } from "./url-policy";
import { endpointInclude, endpointView, type WebhookEndpointView } from "./webhook-view";
import { acceptedUrl, type ZUpdateWebhook } from "./webhook-input";

type Fields = { url: string; description: string; events: string[]; enabled: boolean; digestThreshold: number };

export async function updateWebhook(ctx: OpContext, webhookId: string, input: z.infer<typeof ZUpdateWebhook>): Promise<WebhookEndpointView> {
  const current = await lockEndpoint(ctx, webhookId);
  const next: Partial<Fields> = { ...input, ...(input.url !== undefined ? { url: acceptedUrl(input.url) } : {}) };
  const changed = (Object.keys(next) as (keyof Fields)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]));
  const row = await ctx.tx.webhookEndpoint.update({ where: { id: current.id }, data: next, include: endpointInclude });
  // The URL is written masked: its path may be a credential (a Slack webhook's is).
  const shown = (f: Partial<Fields>, k: keyof Fields) => (k === "url" ? maskedUrl(String(f[k])) : f[k]);
  await ctx.audit({
    action: "webhook.update", resourceType: "webhook", resourceId: row.id,
    before: Object.fromEntries(changed.map((k) => [k, shown(current, k)])),
    after: Object.fromEntries(changed.map((k) => [k, shown(row, k)])),
  });
  return endpointView(row);
}
