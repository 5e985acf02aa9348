import type { WebhookDeliveryView, WebhookEndpointView } from "@/server/webhooks/webhook-view";
import { defineUrlFilter, oneOf, token } from "../ui/url-filter";

export type { WebhookDeliveryView, WebhookEndpointView };
export type WebhookDetail = WebhookEndpointView & { deliveryCounts: { pending: number; delivered: number; failed: number } };
export type DeliveryDetail = WebhookDeliveryView & { payload: Record<string, unknown> };
export type DeliveryPage = { deliveries: WebhookDeliveryView[]; nextAfter: string | null };

export const DELIVERY_STATES = ["pending", "delivered", "failed"] as const;
/** The delivery log's state filter and page cursor in the URL. */
export const deliveryFilter = defineUrlFilter({ state: oneOf(DELIVERY_STATES), after: token });
export type DeliveryFilter = typeof deliveryFilter.defaults;
export type CreatedWebhook = WebhookEndpointView & { secret: string };

export const webhookKeys = {
  all: (t: string) => ["tenant", t, "webhooks"] as const,
  list: (t: string) => ["tenant", t, "webhooks", "list"] as const,
  detail: (t: string, id: string) => ["tenant", t, "webhooks", id] as const,
  deliveries: (t: string, id: string, filter?: object) =>
    filter ? (["tenant", t, "webhooks", id, "deliveries", filter] as const) : (["tenant", t, "webhooks", id, "deliveries"] as const),
  delivery: (t: string, id: string, deliveryId: string) => ["tenant", t, "webhooks", id, "delivery", deliveryId] as const,
};

// Mirrors server/webhooks/events.ts (client code does not import server modules).
export const EVENT_OPTIONS = [
  { value: "approval.requested", label: "approval.requested", description: "A request waits for approval: one post per request while few are pending" },
  { value: "approval.decided", label: "approval.decided", description: "A request was approved, denied, expired or cancelled" },
  { value: "approval.digest", label: "approval.digest", description: "Above the threshold: one summary at most every 15 minutes instead of one per request" },
];
