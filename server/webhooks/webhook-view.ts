// What the API and the console show of webhooks and their deliveries: never the signing secret,
// only the prefix that identifies it.
import { z } from "zod";
import type { WebhookDelivery, WebhookEndpoint } from "../db/generated/client";
import { WEBHOOK_EVENTS } from "./events";

export const DELIVERY_STATES = ["pending", "delivered", "failed"] as const;

export const ZWebhookEndpoint = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  enabled: z.boolean(),
  digestThreshold: z.number().int(),
  secretPrefix: z.string().describe("the first characters of the signing secret, to recognise it"),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastDelivery: z.object({ state: z.enum(DELIVERY_STATES), event: z.string(), createdAt: z.string() }).nullable(),
});
export type WebhookEndpointView = z.infer<typeof ZWebhookEndpoint>;

export const ZWebhookDelivery = z.object({
  id: z.string().describe("also sent as X-Fleetgate-Delivery: receivers use it to ignore a repeat"),
  endpointId: z.string(),
  event: z.string(),
  state: z.enum(DELIVERY_STATES),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  summary: z.string().describe("the payload's text"),
});
export type WebhookDeliveryView = z.infer<typeof ZWebhookDelivery>;

export const ZWebhookDeliveryDetail = ZWebhookDelivery.extend({ payload: z.record(z.string(), z.unknown()) });

type LastDelivery = Pick<WebhookDelivery, "state" | "event" | "createdAt">;

export const endpointInclude = {
  deliveries: { select: { state: true, event: true, createdAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
} as const;

export function endpointView(e: WebhookEndpoint & { deliveries?: LastDelivery[] }): WebhookEndpointView {
  const last = e.deliveries?.[0];
  return {
    id: e.id, url: e.url, description: e.description, events: e.events.filter((x): x is (typeof WEBHOOK_EVENTS)[number] => (WEBHOOK_EVENTS as readonly string[]).includes(x)),
    enabled: e.enabled, digestThreshold: e.digestThreshold, secretPrefix: e.secretPrefix,
    createdAt: e.createdAt.toISOString(), updatedAt: e.updatedAt.toISOString(),
    lastDelivery: last ? { state: last.state as WebhookDeliveryView["state"], event: last.event, createdAt: last.createdAt.toISOString() } : null,
  };
}

export function deliveryView(d: WebhookDelivery): WebhookDeliveryView {
  const text = (d.payload as { text?: unknown } | null)?.text;
  return {
    id: d.id, endpointId: d.endpointId, event: d.event, state: d.state as WebhookDeliveryView["state"], attempts: d.attempts,
    lastStatus: d.lastStatus, lastError: d.lastError, createdAt: d.createdAt.toISOString(),
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null, deliveredAt: d.deliveredAt?.toISOString() ?? null,
    summary: typeof text === "string" ? text : "",
  };
}

export const deliveryDetail = (d: WebhookDelivery) => ({ ...deliveryView(d), payload: (d.payload ?? {}) as Record<string, unknown> });

export const ZCreatedWebhook = ZWebhookEndpoint.extend({
  secret: z.string().describe("the signing secret, shown once: store it now; only its prefix is shown again"),
});

export const ZWebhookDetail = ZWebhookEndpoint.extend({
  deliveryCounts: z.object({ pending: z.number().int(), delivered: z.number().int(), failed: z.number().int() }),
});
