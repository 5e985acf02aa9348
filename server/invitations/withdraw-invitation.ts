import { AppError, notFound } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { pendingInvitation } from "./invitation-rules";
import { invitationStatus, invitationView, type InvitationView } from "./invitation-view";

export async function withdrawInvitation(ctx: OpContext, invitationId: string): Promise<InvitationView> {
  const where = { id: invitationId, tenantId: ctx.scope.tenant.id };
  const before = await ctx.tx.invitation.findFirst({ where });
  if (!before) throw notFound("invitation");
  // Conditional: an answer given at the same moment wins, and the withdrawal is refused.
  const changed = await ctx.tx.invitation.updateManyAndReturn({ where: { ...where, ...pendingInvitation() }, data: { withdrawnAt: new Date() } });
  if (!changed[0]) throw new AppError("conflict", `the invitation is ${invitationStatus(before)}: only a pending one can be withdrawn`);
  await ctx.audit({ action: "invitation.withdraw", resourceType: "invitation", resourceId: before.id, before: { email: before.email, roles: before.roles } });
  return invitationView(changed[0]);
}
