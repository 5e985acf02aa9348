// A request reached its end: the person who raised it hears how (in-app, once per request), and the
// tenant's webhooks get approval.decided. Called by the approvals outcome job inside its transaction;
// a failure here is logged and rolled back to a savepoint, never blocking the waiting work.
import type { Tx } from "../db/client";
import type { ApprovalRequest } from "../db/generated/client";
import { logger } from "../log/logger";
import { emitApprovalDecided } from "../webhooks/emit-approval-events";
import { enqueueDeliveriesEarly } from "../webhooks/enqueue-delivery";
import { approvalPath } from "./console-url";

const OUTCOME: Record<string, string> = { approved: "approved", denied: "denied", expired: "expired", cancelled: "cancelled" };

export async function notifyOutcome(tx: Tx, request: ApprovalRequest): Promise<void> {
  if (request.state === "pending") return;
  await tx.$executeRaw`SAVEPOINT notify_outcome`;
  let deliveries: string[] = [];
  try {
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: request.tenantId }, select: { slug: true } });
    if (request.requesterId) {
      await tx.notification.createMany({
        data: [{
          tenantId: request.tenantId, userId: request.requesterId, requestId: request.id, kind: "approval.decided",
          title: `Your request was ${OUTCOME[request.state] ?? request.state}: ${request.title}`,
          body: request.outcomeReason ?? "", link: approvalPath(tenant.slug, request.id), dedupeKey: `approval.decided:${request.id}`,
        }],
        skipDuplicates: true,
      });
    }
    deliveries = await emitApprovalDecided(tx, tenant.slug, request);
    await tx.$executeRaw`RELEASE SAVEPOINT notify_outcome`;
  } catch (e) {
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT notify_outcome`;
    logger.error("outcome notifications failed; the outcome is applied without them", { requestId: request.id, error: (e as Error).message });
    return;
  }
  // Not awaited: the outcome's transaction never waits on Redis (the reconciler covers a lost job).
  if (deliveries.length) void enqueueDeliveriesEarly(deliveries);
}
