import type { z } from "zod";
import type { OpContext } from "../core/op-context";
import { webhookNotFound } from "./find-endpoint";
import { DELIVERY_STATES, endpointInclude, endpointView, type ZWebhookDetail } from "./webhook-view";

export async function getWebhook(ctx: OpContext, webhookId: string): Promise<z.infer<typeof ZWebhookDetail>> {
  const row = await ctx.tx.webhookEndpoint.findFirst({ where: { id: webhookId, tenantId: ctx.scope.tenant.id }, include: endpointInclude });
  if (!row) throw webhookNotFound();
  const groups = await ctx.tx.webhookDelivery.groupBy({ by: ["state"], where: { endpointId: row.id, tenantId: row.tenantId }, _count: { _all: true } });
  const counts = Object.fromEntries(DELIVERY_STATES.map((s) => [s, groups.find((g) => g.state === s)?._count._all ?? 0])) as Record<(typeof DELIVERY_STATES)[number], number>;
  return { ...endpointView(row), deliveryCounts: counts };
}
