import type { z } from "zod";
import { knownRoles } from "../authz/roles";
import { AppError, notFound } from "../core/app-error";
import type { PersonContext } from "../core/person-op";
import { lockTenantMemberships } from "../members/ensure-tenant-admin";
import { memberInclude, memberView } from "../members/member-view";
import { pendingInvitation } from "./invitation-rules";
import type { ZAcceptedInvitation } from "./invitation-view";
import { findMyInvitation } from "./list-my-invitations";

export async function acceptInvitation(ctx: PersonContext, invitationId: string): Promise<z.infer<typeof ZAcceptedInvitation>> {
  const invitation = await findMyInvitation(ctx, invitationId);
  const tenantId = invitation.tenantId;
  await lockTenantMemberships(ctx.tx, tenantId);
  const taken = await ctx.tx.invitation.updateMany({ where: { id: invitation.id, ...pendingInvitation() }, data: { acceptedAt: new Date() } });
  if (taken.count === 0) throw notFound("invitation");
  if (await ctx.tx.membership.findUnique({ where: { tenantId_userId: { tenantId, userId: ctx.actor.id } }, select: { id: true } })) {
    throw new AppError("conflict", `you are already a member of ${invitation.tenant.name}`);
  }
  const roles = knownRoles(invitation.roles);
  const m = await ctx.tx.membership.create({ data: { tenantId, userId: ctx.actor.id, roles }, include: memberInclude });
  await ctx.audit({ action: "invitation.accept", resourceType: "invitation", resourceId: invitation.id, after: { email: invitation.email, roles } }, tenantId);
  await ctx.audit({ action: "member.add", resourceType: "membership", resourceId: m.id, after: { email: invitation.email, roles, invitationId: invitation.id } }, tenantId);
  return { tenant: { slug: invitation.tenant.slug, name: invitation.tenant.name }, member: memberView(m) };
}
