// Webhook health for the tenant: GitHub deliveries Fleetgate attributed to it (GithubDelivery rows
// with its tenantId), the last one received, the last day's outcomes, and the latest failures with
// their reasons. Deliveries for installations bound to no tenant are nobody's here.
import type { OpContext } from "../../core/op-context";
import type { WebhookHealthView } from "./installation-view";

const DAY_MS = 24 * 60 * 60 * 1000;
const FAILURES_SHOWN = 10;

export async function getWebhookHealth(ctx: OpContext, now = new Date()): Promise<WebhookHealthView> {
  const tenantId = ctx.scope.tenant.id;
  const since = new Date(now.getTime() - DAY_MS);
  const [last, grouped, failures] = await Promise.all([
    ctx.tx.githubDelivery.findFirst({ where: { tenantId }, orderBy: { receivedAt: "desc" }, select: { receivedAt: true } }),
    ctx.tx.githubDelivery.groupBy({ by: ["outcome"], where: { tenantId, receivedAt: { gte: since } }, _count: { _all: true } }),
    ctx.tx.githubDelivery.findMany({
      where: { tenantId, outcome: "failed" }, orderBy: { receivedAt: "desc" }, take: FAILURES_SHOWN,
      select: { deliveryId: true, event: true, action: true, receivedAt: true, reason: true },
    }),
  ]);
  const count = (outcome: string | null) => grouped.find((g) => g.outcome === outcome)?._count._all ?? 0;
  return {
    lastReceivedAt: last?.receivedAt.toISOString() ?? null,
    last24h: {
      received: grouped.reduce((n, g) => n + g._count._all, 0),
      applied: count("applied"), ignored: count("ignored"), failed: count("failed"), pending: count(null),
    },
    failures: failures.map((f) => ({ ...f, receivedAt: f.receivedAt.toISOString() })),
  };
}
