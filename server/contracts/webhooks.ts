import { z } from "zod";
import { defineRoute, ZId, ZTenantParam } from "../http/define-route";
import { ZCreateWebhook, ZDeliveryFilter, ZUpdateWebhook } from "../webhooks/webhook-input";
import { ZCreatedWebhook, ZWebhookDelivery, ZWebhookDeliveryDetail, ZWebhookDetail, ZWebhookEndpoint } from "../webhooks/webhook-view";

const tenantParams = z.object({ tenant: ZTenantParam });
const webhookParams = z.object({ tenant: ZTenantParam, webhookId: ZId });
const deliveryParams = z.object({ tenant: ZTenantParam, webhookId: ZId, deliveryId: ZId });

export const listWebhooksRoute = defineRoute({
  id: "webhook.list", method: "GET", path: "/api/v1/tenants/{tenant}/webhooks", tag: "webhooks",
  summary: "Outgoing webhooks (never their signing secret)", permission: "webhook.read",
  params: tenantParams, response: z.object({ webhooks: z.array(ZWebhookEndpoint) }),
});

export const createWebhookRoute = defineRoute({
  id: "webhook.create", method: "POST", path: "/api/v1/tenants/{tenant}/webhooks", tag: "webhooks",
  summary: "Add an outgoing webhook; the response carries its signing secret, shown once. https only (http on loopback), no private addresses",
  permission: "webhook.manage", params: tenantParams, body: ZCreateWebhook, response: ZCreatedWebhook, status: 201,
  example: { body: { url: "https://hooks.example.test/fleetgate", description: "Approvals channel", events: ["approval.requested", "approval.decided"], digestThreshold: 10 } },
});

export const getWebhookRoute = defineRoute({
  id: "webhook.get", method: "GET", path: "/api/v1/tenants/{tenant}/webhooks/{webhookId}", tag: "webhooks",
  summary: "One webhook with its delivery counts by state", permission: "webhook.read",
  params: webhookParams, response: ZWebhookDetail,
});

export const updateWebhookRoute = defineRoute({
  id: "webhook.update", method: "PATCH", path: "/api/v1/tenants/{tenant}/webhooks/{webhookId}", tag: "webhooks",
  summary: "Change a webhook's URL, description, events, digest threshold, or enable/disable it", permission: "webhook.manage",
  params: webhookParams, body: ZUpdateWebhook, response: ZWebhookEndpoint,
  example: { body: { enabled: false } },
});

export const deleteWebhookRoute = defineRoute({
  id: "webhook.delete", method: "DELETE", path: "/api/v1/tenants/{tenant}/webhooks/{webhookId}", tag: "webhooks",
  summary: "Remove a webhook and its delivery log", permission: "webhook.manage",
  params: webhookParams, response: ZWebhookEndpoint,
});

export const rotateWebhookSecretRoute = defineRoute({
  id: "webhook.rotate_secret", method: "POST", path: "/api/v1/tenants/{tenant}/webhooks/{webhookId}/rotate-secret", tag: "webhooks",
  summary: "Replace the signing secret (the old one stops at once); the new one is in the response, shown once",
  permission: "webhook.manage", params: webhookParams, response: ZCreatedWebhook,
});

export const pingWebhookRoute = defineRoute({
  id: "webhook.ping", method: "POST", path: "/api/v1/tenants/{tenant}/webhooks/{webhookId}/ping", tag: "webhooks",
  summary: "Send a signed test event (event \"ping\") to the webhook; returns its delivery", permission: "webhook.manage",
  params: webhookParams, response: ZWebhookDeliveryDetail, status: 201,
});

export const listDeliveriesRoute = defineRoute({
  id: "webhook.delivery.list", method: "GET", path: "/api/v1/tenants/{tenant}/webhooks/{webhookId}/deliveries", tag: "webhooks",
  summary: "The webhook's delivery log, newest first: event, state, attempts, last status and error", permission: "webhook.read",
  params: webhookParams, query: ZDeliveryFilter,
  response: z.object({ deliveries: z.array(ZWebhookDelivery), nextAfter: z.string().nullable() }),
  example: { query: { state: "failed" } },
});

export const getDeliveryRoute = defineRoute({
  id: "webhook.delivery.get", method: "GET", path: "/api/v1/tenants/{tenant}/webhooks/{webhookId}/deliveries/{deliveryId}", tag: "webhooks",
  summary: "One delivery with the payload that was (or will be) sent", permission: "webhook.read",
  params: deliveryParams, response: ZWebhookDeliveryDetail,
});

export const redeliverRoute = defineRoute({
  id: "webhook.delivery.redeliver", method: "POST", path: "/api/v1/tenants/{tenant}/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver", tag: "webhooks",
  summary: "Send a delivered or failed delivery again (same delivery id, a new round of attempts)", permission: "webhook.manage",
  params: deliveryParams, response: ZWebhookDeliveryDetail,
});
