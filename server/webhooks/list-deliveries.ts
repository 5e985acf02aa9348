import type { z } from "zod";
import type { Prisma } from "../db/client";
import type { OpContext } from "../core/op-context";
import { webhookNotFound } from "./find-endpoint";
import type { ZDeliveryFilter } from "./webhook-input";
import { deliveryDetail, deliveryView, DELIVERY_STATES, type WebhookDeliveryView } from "./webhook-view";

async function endpointOf(ctx: OpContext, webhookId: string) {
  const e = await ctx.tx.webhookEndpoint.findFirst({ where: { id: webhookId, tenantId: ctx.scope.tenant.id }, select: { id: true, tenantId: true } });
  if (!e) throw webhookNotFound();
  return e;
}

/** Newest first. */
export async function listDeliveries(ctx: OpContext, webhookId: string, f: z.infer<typeof ZDeliveryFilter>): Promise<{ deliveries: WebhookDeliveryView[]; nextAfter: string | null }> {
  const e = await endpointOf(ctx, webhookId);
  const where: Prisma.WebhookDeliveryWhereInput = { tenantId: e.tenantId, endpointId: e.id, ...(f.state ? { state: f.state } : {}), ...(f.event ? { event: f.event } : {}) };
  if (f.after) {
    const last = await ctx.tx.webhookDelivery.findFirst({ where: { id: f.after, endpointId: e.id }, select: { id: true, createdAt: true } });
    if (last) where.OR = [{ createdAt: { lt: last.createdAt } }, { createdAt: last.createdAt, id: { lt: last.id } }];
  }
  const rows = await ctx.tx.webhookDelivery.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: f.limit + 1 });
  const page = rows.slice(0, f.limit);
  return { deliveries: page.map(deliveryView), nextAfter: rows.length > f.limit ? page.at(-1)!.id : null };
}

export async function getDelivery(ctx: OpContext, webhookId: string, deliveryId: string) {
  const e = await endpointOf(ctx, webhookId);
  const row = await ctx.tx.webhookDelivery.findFirst({ where: { id: deliveryId, endpointId: e.id, tenantId: e.tenantId } });
  if (!row) throw webhookNotFound();
  return deliveryDetail(row);
}
