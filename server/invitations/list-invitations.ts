import type { OpContext } from "../core/op-context";
import { pendingInvitation } from "./invitation-rules";
import { invitationView, type InvitationView } from "./invitation-view";

/** The tenant's invitations still waiting for an answer, newest first. */
export async function listInvitations(ctx: OpContext): Promise<{ invitations: InvitationView[] }> {
  const rows = await ctx.tx.invitation.findMany({
    where: { tenantId: ctx.scope.tenant.id, ...pendingInvitation() },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 1000,
  });
  return { invitations: rows.map(invitationView) };
}
