import { notFound } from "../core/app-error";
import type { PersonContext } from "../core/person-op";
import { pendingInvitation } from "./invitation-rules";
import { myInvitationView, type MyInvitationView } from "./invitation-view";

const mine = (ctx: PersonContext) => ({ email: ctx.actor.email, ...pendingInvitation() });

/** Invitations to the signed-in person's e-mail address still waiting for their answer. */
export async function listMyInvitations(ctx: PersonContext): Promise<{ invitations: MyInvitationView[] }> {
  const rows = await ctx.tx.invitation.findMany({
    where: mine(ctx), include: { tenant: { select: { slug: true, name: true } } }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: 100,
  });
  return { invitations: rows.map(myInvitationView) };
}

/** One of them, by id: anyone else's, or one already answered, withdrawn or expired, is not found. */
export async function findMyInvitation(ctx: PersonContext, invitationId: string) {
  const row = await ctx.tx.invitation.findFirst({ where: { id: invitationId, ...mine(ctx) }, include: { tenant: { select: { id: true, slug: true, name: true } } } });
  if (!row) throw notFound("invitation");
  return row;
}
