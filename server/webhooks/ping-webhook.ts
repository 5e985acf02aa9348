import { actorLabel } from "../authz/scope";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { dbNow } from "../approvals/approval-reads";
import { createDelivery } from "./emit-approval-events";
import { enqueueDeliveries } from "./enqueue-delivery";
import { lockEndpoint } from "./find-endpoint";
import { pingPayload } from "./payload";
import { deliveryDetail } from "./webhook-view";

/** A test event (event "ping"), signed like any other, to check the receiver and its signature check. */
export async function pingWebhook(ctx: OpContext, webhookId: string) {
  const e = await lockEndpoint(ctx, webhookId);
  if (!e.enabled) throw new AppError("conflict", "this webhook is disabled; enable it to send a test event");
  const id = await createDelivery(ctx.tx, e.tenantId, e.id, "ping", pingPayload(ctx.scope.tenant.slug, actorLabel(ctx.scope.actor), await dbNow(ctx.tx)));
  await ctx.audit({ action: "webhook.ping", resourceType: "webhook", resourceId: e.id, after: { deliveryId: id } });
  ctx.afterCommit(() => enqueueDeliveries([id]));
  return deliveryDetail(await ctx.tx.webhookDelivery.findUniqueOrThrow({ where: { id } }));
}
