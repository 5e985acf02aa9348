// Withdrawing a request: by the person who raised it, or by the feature whose subject went away
// (a cancelled run, a deleted campaign). Cancelled is terminal; the waiting work is abandoned.
import type { z } from "zod";
import { actorLabel } from "../authz/scope";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import type { ZCancel } from "./approval-input";
import { dbNow } from "./approval-reads";
import { enqueueOutcome } from "./outcome-job";
import { lockApproval, refuseUnlessPending } from "./vote-on-approval";

export async function cancelApproval(ctx: OpContext, approvalId: string, input: z.infer<typeof ZCancel>) {
  const r = await lockApproval(ctx, approvalId);
  refuseUnlessPending(r);
  const actor = ctx.scope.actor;
  const me = actor.kind === "user" ? actor.id : actor.userId;
  if (r.requesterId !== me) throw new AppError("forbidden", "only the person who raised a request can withdraw it");
  return settleCancelled(ctx, r.id, `withdrawn by ${actorLabel(actor)}${input.reason ? `: ${input.reason}` : ""}`);
}

/**
 * For features: the subject is gone, so its pending requests end (no-op when there are none).
 * `elsewhere`: the subject is another tenant's (a global kill switch), whose trail gets the events.
 */
export async function cancelApprovalsForSubject(
  ctx: OpContext, subjectType: string, subjectId: string, why: string,
  elsewhere?: { tenantId: string; audit: OpContext["audit"] },
): Promise<number> {
  const tenantId = elsewhere?.tenantId ?? ctx.scope.tenant.id;
  // Locked still pending: a request decided meanwhile no longer matches once its lock is free.
  const pending = await ctx.tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "ApprovalRequest"
    WHERE "tenantId" = ${tenantId} AND "subjectType" = ${subjectType} AND "subjectId" = ${subjectId} AND state = 'pending'
    ORDER BY id FOR UPDATE`;
  for (const p of pending) await settleCancelled(ctx, p.id, why, elsewhere?.audit ?? ctx.audit);
  return pending.length;
}

async function settleCancelled(ctx: OpContext, id: string, outcomeReason: string, audit: OpContext["audit"] = ctx.audit) {
  await ctx.tx.approvalRequest.update({ where: { id }, data: { state: "cancelled", decidedAt: await dbNow(ctx.tx), pendingKey: null, outcomeReason } });
  await audit({ action: "approval.cancel", resourceType: "approval", resourceId: id, after: { state: "cancelled", outcomeReason } });
  ctx.afterCommit(() => enqueueOutcome(id));
  return { id, state: "cancelled" as const };
}
