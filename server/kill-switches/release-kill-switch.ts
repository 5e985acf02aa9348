// Releasing a kill switch: with a reason, and with approval when the policy wants it (the platform
// policy asks it for global and tenant switches: the approval rule killswitch_release). The person
// who set the switch is its author: they may release it, but not approve its release. A global
// switch also takes killswitch.global, which its route declares.
import { policyRefusal } from "../authz/policy-refusal";
import { actorLabel } from "../authz/scope";
import { requestApproval } from "../approvals/request-approval";
import type { ApprovalConsumer } from "../approvals/consumer";
import type { Tx } from "../db/client";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { describeSwitch } from "./covering-switches";
import { viewsOf } from "./list-kill-switches";

export async function releaseKillSwitch(ctx: OpContext, id: string, reason: string) {
  const tenantId = ctx.scope.tenant.id;
  const actor = ctx.scope.actor;
  const row = await ctx.tx.killSwitch.findFirst({ where: { id, OR: [{ tenantId }, { tenantId: null }] } });
  if (!row) throw new AppError("not_found", "kill switch not found");
  if (row.releasedAt) throw new AppError("conflict", `already released by ${row.releasedByLabel} at ${row.releasedAt.toISOString()}`);
  const decision = await ctx.decide("killswitch.set", { kind: "killswitch", level: row.level }, { operation: "release" });
  if (decision.effect === "deny") throw policyRefusal("this release", decision);
  if (decision.effect === "require_approval") {
    const approval = await requestApproval(ctx, {
      // A global switch stops every tenant: its release is decided by platform admins only, never by
      // the admins of the tenant whose URL the request came through.
      kind: row.tenantId === null ? "platform_killswitch_release" : "killswitch_release", subjectType: "killswitch", subjectId: row.id, action: "release",
      title: `Release ${describeSwitch(row)}`,
      proposal: { killSwitch: row.id, level: row.level, target: row.target, effects: row.effects, setBy: row.setByLabel, setAt: row.setAt.toISOString(), setReason: row.reason, releaseReason: reason },
      risk: row.level === "global" || row.level === "tenant" ? "high" : "medium",
      subjectAuthor: { id: row.setById, label: row.setByLabel }, policyDecision: decision.record?.decision,
    });
    await ctx.audit({ action: "killswitch.release.request", resourceType: "killswitch", resourceId: row.id, after: { reason, approval: approval.id } });
    const [view] = await viewsOf(ctx.tx, tenantId, [row]);
    return { killSwitch: { ...view!, releaseApprovalId: approval.id }, state: "release_pending" as const, approvalId: approval.id };
  }
  const released = await markReleased(ctx.tx, row.id, actorLabel(actor), reason);
  if (!released) throw new AppError("conflict", "released by someone else just now");
  await ctx.audit({ action: "killswitch.release", resourceType: "killswitch", resourceId: row.id, before: { releasedAt: null }, after: { reason } });
  const [view] = await viewsOf(ctx.tx, tenantId, [released]);
  return { killSwitch: view!, state: "released" as const, approvalId: null };
}

const markReleased = async (tx: Tx, id: string, by: string, reason: string) => {
  const n = await tx.killSwitch.updateMany({ where: { id, releasedAt: null }, data: { releasedAt: new Date(), releasedByLabel: by, releaseReason: reason } });
  return n.count ? tx.killSwitch.findUniqueOrThrow({ where: { id } }) : null;
};

/** The approvals consumer: an approved release releases the switch (in the requester's name); otherwise it stays set. */
export const applyKillSwitchRelease: ApprovalConsumer = async (tx, request) => {
  if (request.state !== "approved") return `the switch stays set: the release was ${request.state}`;
  const row = await tx.killSwitch.findFirst({ where: { id: request.subjectId, OR: [{ tenantId: request.tenantId }, { tenantId: null }] } });
  if (!row) return "nothing to do: the switch no longer exists";
  if (row.tenantId === null && request.kind !== "platform_killswitch_release") return "refused: a global switch is released only through a platform admins' approval";
  const reason = `${request.outcomeReason ?? "approved"} (approval ${request.id})`;
  if (!(await markReleased(tx, row.id, `${request.requesterLabel} (approved)`, reason))) return "nothing to do: already released";
  return {
    result: "the kill switch is released",
    audit: [{
      tenantId: request.tenantId, actorType: "system", actorLabel: "worker", action: "killswitch.release", resourceType: "killswitch", resourceId: row.id,
      before: { releasedAt: null }, after: { reason, approval: request.id },
    }],
  };
};
