// Tells the people who may decide a request that it waits for them: one in-app notification per
// request per person (a unique key makes a repeat a no-op), and the tenant's webhooks (deliveries
// written in this transaction, sent once it has committed).
import type { ApprovalRequest } from "../db/generated/client";
import type { OpContext } from "../core/op-context";
import { ruleOf } from "../approvals/approval-view";
import { eligibleApprovers } from "../approvals/eligible-approvers";
import { emitApprovalRequested } from "../webhooks/emit-approval-events";
import { enqueueDeliveries } from "../webhooks/enqueue-delivery";
import { approvalPath } from "./console-url";

export async function notifyApprovers(ctx: OpContext, request: ApprovalRequest): Promise<number> {
  const people = await eligibleApprovers(ctx.tx, request, ruleOf(request));
  const { count } = people.length === 0 ? { count: 0 } : await ctx.tx.notification.createMany({
    data: people.map((p) => ({
      tenantId: request.tenantId, userId: p.userId, requestId: request.id, kind: "approval.requested",
      title: `Approval needed: ${request.title}`, body: `${request.requesterLabel} asks; it expires ${request.expiresAt.toISOString()}.`,
      link: approvalPath(ctx.scope.tenant.slug, request.id), dedupeKey: `approval.requested:${request.id}`,
    })),
    skipDuplicates: true,
  });
  const deliveries = await emitApprovalRequested(ctx.tx, ctx.scope.tenant.slug, request);
  if (deliveries.length) ctx.afterCommit(() => enqueueDeliveries(deliveries));
  return count;
}
