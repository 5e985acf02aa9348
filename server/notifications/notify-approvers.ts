// Tells the people who may decide a request that it waits for them: one in-app notification per
// request per person (a unique key makes a repeat a no-op).
import type { ApprovalRequest } from "../db/generated/client";
import type { OpContext } from "../http/op-context";
import { ruleOf } from "../approvals/approval-view";
import { eligibleApprovers } from "../approvals/eligible-approvers";

export async function notifyApprovers(ctx: OpContext, request: ApprovalRequest): Promise<number> {
  const people = await eligibleApprovers(ctx.tx, request, ruleOf(request));
  if (people.length === 0) return 0;
  const { count } = await ctx.tx.notification.createMany({
    data: people.map((p) => ({
      tenantId: request.tenantId, userId: p.userId, requestId: request.id, kind: "approval.requested",
      title: `Approval needed: ${request.title}`, body: `${request.requesterLabel} asks; it expires ${request.expiresAt.toISOString()}.`,
      link: `/${ctx.scope.tenant.slug}/approvals/${request.id}`, dedupeKey: `approval.requested:${request.id}`,
    })),
    skipDuplicates: true,
  });
  return count;
}
