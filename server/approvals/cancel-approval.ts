// Withdrawing a request: by the person who raised it, or by the feature whose subject went away
// (a cancelled run, a deleted campaign). Cancelled is terminal; the waiting work is abandoned.
import { z } from "zod";
import { actorLabel } from "../authz/scope";
import { AppError } from "../http/app-error";
import type { OpContext } from "../http/op-context";
import { dbNow } from "./approval-view";
import { enqueueOutcome } from "./outcome-job";
import { lockApproval, refuseUnlessPending } from "./vote-on-approval";

export const ZCancel = z.object({ reason: z.string().trim().max(2000).optional() }).strict();

export async function cancelApproval(ctx: OpContext, approvalId: string, input: z.infer<typeof ZCancel>) {
  const r = await lockApproval(ctx, approvalId);
  refuseUnlessPending(r);
  const actor = ctx.scope.actor;
  const me = actor.kind === "user" ? actor.id : actor.userId;
  if (r.requesterId !== me) throw new AppError("forbidden", "only the person who raised a request can withdraw it");
  return settleCancelled(ctx, r.id, `withdrawn by ${actorLabel(actor)}${input.reason ? `: ${input.reason}` : ""}`);
}

/** For features: the subject is gone, so its pending requests end (no-op when there are none). */
export async function cancelApprovalsForSubject(ctx: OpContext, subjectType: string, subjectId: string, why: string): Promise<number> {
  const pending = await ctx.tx.approvalRequest.findMany({ where: { tenantId: ctx.scope.tenant.id, subjectType, subjectId, state: "pending" }, select: { id: true } });
  let cancelled = 0;
  for (const p of pending) {
    if ((await lockApproval(ctx, p.id)).state !== "pending") continue; // decided meanwhile
    await settleCancelled(ctx, p.id, why);
    cancelled++;
  }
  return cancelled;
}

async function settleCancelled(ctx: OpContext, id: string, outcomeReason: string) {
  await ctx.tx.approvalRequest.update({ where: { id }, data: { state: "cancelled", decidedAt: await dbNow(ctx.tx), pendingKey: null, outcomeReason } });
  await ctx.audit({ action: "approval.cancel", resourceType: "approval", resourceId: id, after: { state: "cancelled", outcomeReason } });
  ctx.afterCommit(() => enqueueOutcome(id));
  return { id, state: "cancelled" as const };
}
