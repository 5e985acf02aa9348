import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { enqueue } from "../jobs/enqueue";
import { deliverWebhookJob } from "./delivery-job";
import { webhookNotFound } from "./find-endpoint";
import { deliveryDetail } from "./webhook-view";

/**
 * Sends a delivered or failed delivery again, with the same id (X-Fleetgate-Delivery), so a receiver
 * that already handled it can tell. It starts a new round of attempts; the previous round's
 * figures are kept in the audit event.
 */
export async function redeliverDelivery(ctx: OpContext, webhookId: string, deliveryId: string) {
  // Waits while a worker is sending it (the row is locked for at most one attempt's timeout).
  const rows = await ctx.tx.$queryRaw<{ id: string }[]>`
    SELECT d.id FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e.id = d."endpointId"
    WHERE d.id = ${deliveryId} AND d."endpointId" = ${webhookId} AND d."tenantId" = ${ctx.scope.tenant.id} AND e."tenantId" = ${ctx.scope.tenant.id}
    FOR UPDATE OF d`;
  if (rows.length === 0) throw webhookNotFound();
  const d = await ctx.tx.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { endpoint: { select: { enabled: true } } } });
  if (d.state === "pending") throw new AppError("conflict", "this delivery is still pending: it is being sent or retried");
  if (!d.endpoint.enabled) throw new AppError("conflict", "this webhook is disabled; enable it to redeliver");
  const row = await ctx.tx.webhookDelivery.update({ where: { id: d.id }, data: { state: "pending", attempts: 0, deliveredAt: null } });
  await ctx.audit({
    action: "webhook.delivery.redeliver", resourceType: "webhook_delivery", resourceId: d.id,
    before: { state: d.state, attempts: d.attempts, lastStatus: d.lastStatus, lastError: d.lastError, event: d.event, endpointId: d.endpointId },
    after: { state: "pending" },
  });
  // A new job id each time: the first round's job may still be kept by BullMQ under its own id.
  ctx.afterCommit(() => enqueue(deliverWebhookJob, { deliveryId: d.id }, { jobId: `redeliver-${d.id}-${Date.now()}` }));
  return deliveryDetail(row);
}
