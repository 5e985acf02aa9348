// What outgoing webhooks can carry, and the fixed numbers of their delivery.
export const WEBHOOK_EVENTS = ["approval.requested", "approval.decided", "approval.digest", "budget.threshold_crossed"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Sent only on request (the admin's "Send test event"), whatever the endpoint subscribes to. */
export const PING_EVENT = "ping";
export type DeliveryEvent = WebhookEvent | typeof PING_EVENT;

export const EVENT_DESCRIPTIONS: Record<WebhookEvent, string> = {
  "approval.requested": "A request waits for approval (one per request while the tenant is under the digest threshold)",
  "approval.decided": "A request was approved, denied, expired or cancelled",
  "approval.digest": "More requests than the threshold are pending: one summary, at most every 15 minutes",
  "budget.threshold_crossed": "A budget's spend passed one of its alert thresholds (once per threshold and period)",
};

export const WEBHOOKS_QUEUE = "webhooks";

/**
 * Attempts per delivery, the first included; the waits between them start at WEBHOOK_RETRY_BASE_MS
 * (30 s) and double, so a receiver may be down for about a quarter of an hour. The database count
 * decides, so BullMQ can only leave a delivery pending for the reconciler, never deliver it more often.
 */
export const MAX_ATTEMPTS = 6;

/** One POST waits this long for the answer's status line, connection included. */
export const DELIVERY_TIMEOUT_MS = 5_000;

/** At most one digest per endpoint in this window. */
export const DIGEST_WINDOW_MS = 15 * 60_000;

export const DEFAULT_DIGEST_THRESHOLD = 10;
