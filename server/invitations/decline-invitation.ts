import { notFound } from "../core/app-error";
import type { PersonContext } from "../core/person-op";
import { pendingInvitation } from "./invitation-rules";
import { findMyInvitation } from "./list-my-invitations";

export async function declineInvitation(ctx: PersonContext, invitationId: string): Promise<{ declined: true; id: string }> {
  const invitation = await findMyInvitation(ctx, invitationId);
  const changed = await ctx.tx.invitation.updateMany({ where: { id: invitation.id, ...pendingInvitation() }, data: { declinedAt: new Date() } });
  if (changed.count === 0) throw notFound("invitation");
  await ctx.audit({ action: "invitation.decline", resourceType: "invitation", resourceId: invitation.id, before: { email: invitation.email, roles: invitation.roles } }, invitation.tenantId);
  return { declined: true, id: invitation.id };
}
