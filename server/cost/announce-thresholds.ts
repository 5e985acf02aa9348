// A budget period passed thresholds: each is marked announced on the period by a conditional
// update, and only the thresholds this call marked are announced (the tenant's admins get an
// in-app notification, webhooks subscribed to budget.threshold_crossed a delivery), in the
// caller's transaction. So each is announced once per threshold and period however many settles
// report it: a second announcer waits on the period's row and then finds it marked. The periods
// are marked in id order, the order reserving and settling lock them, so announcers never
// deadlock. If the transaction fails, nothing is marked and the next settle reports it again.
import type { Tx } from "../db/client";
import { env } from "../env";
import { consoleUrl, costPath } from "../notifications/console-url";
import { createDelivery } from "../webhooks/emit-approval-events";
import { enqueueDeliveriesEarly } from "../webhooks/enqueue-delivery";
import { formatMoney, microsToDecimal } from "./money";

export type ThresholdCrossing = {
  periodId: string; budgetId: string; budgetName: string; scope: string; mode: string; periodKey: string;
  threshold: number; spentMicros: bigint; limitMicros: bigint;
};

export async function announceThresholds(tx: Tx, tenantId: string, crossings: ThresholdCrossing[]): Promise<void> {
  const inLockOrder = [...crossings].sort((a, b) => (a.periodId < b.periodId ? -1 : a.periodId > b.periodId ? 1 : a.threshold - b.threshold));
  const marked = new Set<ThresholdCrossing>();
  for (const c of inLockOrder) {
    const n = await tx.$executeRaw`UPDATE "BudgetPeriod" SET alerted = array_append(alerted, ${c.threshold}) WHERE id = ${c.periodId} AND NOT (${c.threshold} = ANY(alerted))`;
    if (n === 1) marked.add(c);
  }
  if (!marked.size) return;
  const deliveries = await notify(tx, tenantId, crossings.filter((c) => marked.has(c)));
  if (deliveries.length) void enqueueDeliveriesEarly(deliveries);
}

async function notify(tx: Tx, tenantId: string, crossings: ThresholdCrossing[]): Promise<string[]> {
  const currency = env().COST_CURRENCY;
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { slug: true } });
  const admins = await tx.membership.findMany({ where: { tenantId, roles: { has: "tenant_admin" }, user: { disabled: false } }, select: { userId: true } });
  const endpoints = await tx.webhookEndpoint.findMany({ where: { tenantId, enabled: true, events: { has: "budget.threshold_crossed" } }, select: { id: true }, orderBy: { createdAt: "asc" } });
  const ids: string[] = [];
  for (const c of crossings) {
    const title = `Budget "${c.budgetName}" passed ${c.threshold}%`;
    const body = `${formatMoney(c.spentMicros, currency)} spent of ${formatMoney(c.limitMicros, currency)} (${c.mode}, ${c.scope} budget, period ${c.periodKey}).`;
    const link = costPath(tenant.slug, c.budgetId);
    await tx.notification.createMany({
      data: admins.map((a) => ({ tenantId, userId: a.userId, kind: "budget.threshold_crossed", title, body, link, dedupeKey: `budget:${c.periodId}:${c.threshold}` })),
      skipDuplicates: true,
    });
    for (const e of endpoints) {
      ids.push(await createDelivery(tx, tenantId, e.id, "budget.threshold_crossed", {
        event: "budget.threshold_crossed", text: `${title}: ${body} ${consoleUrl(link)}`, tenant: tenant.slug, occurredAt: new Date().toISOString(),
        budget: {
          id: c.budgetId, name: c.budgetName, scope: c.scope, mode: c.mode, period: c.periodKey, threshold: c.threshold,
          spent: microsToDecimal(c.spentMicros), limit: microsToDecimal(c.limitMicros), currency, link: consoleUrl(link),
        },
      }));
    }
  }
  return ids;
}
