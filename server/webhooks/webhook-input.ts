// The fields an admin sets on a webhook, validated the same way on create and update.
import { z } from "zod";
import { AppError } from "../core/app-error";
import { DEFAULT_DIGEST_THRESHOLD, WEBHOOK_EVENTS } from "./events";
import { checkWebhookUrl, loopbackAllowed } from "./url-policy";
import { DELIVERY_STATES } from "./webhook-view";

const ZUrl = z.string().trim().min(1).max(2000).describe("https URL of the receiver (plain http only on loopback); see the URL rules");
const ZEvents = z.array(z.enum(WEBHOOK_EVENTS)).min(1, "choose at least one event").max(WEBHOOK_EVENTS.length)
  .transform((e) => [...new Set(e)].sort());
const ZThreshold = z.number().int().min(1).max(10_000)
  .describe("more pending requests than this in the tenant: one approval.digest at most every 15 minutes replaces the per-request events");

export const ZCreateWebhook = z.object({
  url: ZUrl,
  description: z.string().trim().max(200).default(""),
  events: ZEvents.default([...WEBHOOK_EVENTS]),
  digestThreshold: ZThreshold.default(DEFAULT_DIGEST_THRESHOLD),
  enabled: z.boolean().default(true),
}).strict();

export const ZUpdateWebhook = z.object({
  url: ZUrl.optional(),
  description: z.string().trim().max(200).optional(),
  events: ZEvents.optional(),
  digestThreshold: ZThreshold.optional(),
  enabled: z.boolean().optional(),
}).strict().refine((b) => Object.keys(b).length > 0, "change at least one field");

/** The URL as stored, or a 422 naming body.url. */
export function acceptedUrl(raw: string): string {
  const r = checkWebhookUrl(raw, { allowLoopback: loopbackAllowed() });
  if (!r.ok) throw new AppError("validation_failed", `invalid body: body.url ${r.problem}`, { issues: [{ path: "body.url", message: r.problem }] });
  return r.url.toString();
}

/** A tenant's endpoints are bounded: each one is a request per event from the worker. */
export const MAX_ENDPOINTS_PER_TENANT = 20;

export const ZDeliveryFilter = z.object({
  state: z.enum(DELIVERY_STATES).optional(),
  event: z.string().regex(/^[a-z.]{1,40}$/).optional(),
  /** Keyset cursor: the last id of the previous page. */
  after: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
}).strict();
