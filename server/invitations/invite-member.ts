// Adding a person to a tenant makes a pending invitation, whether or not the address has an
// account: the answer and every refusal are the same either way, so an admin learns nothing about
// the address beyond their own tenant, and nobody is enrolled without saying yes.
import bcrypt from "bcryptjs";
import type { z } from "zod";
import { actorLabel } from "../authz/scope";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { lockTenantMemberships } from "../members/ensure-tenant-admin";
import type { ZInviteMember } from "./invitation-input";
import { INVITATION_DAYS, pendingInvitation } from "./invitation-rules";
import { invitationView, type InvitationView } from "./invitation-view";

export async function inviteMember(ctx: OpContext, input: z.infer<typeof ZInviteMember>): Promise<InvitationView> {
  const tenantId = ctx.scope.tenant.id;
  await lockTenantMemberships(ctx.tx, tenantId);
  // The only refusals are about this tenant, whose members and invitations its admins see anyway.
  if (await ctx.tx.membership.findFirst({ where: { tenantId, user: { email: input.email } }, select: { id: true } })) {
    throw new AppError("conflict", `${input.email} is already a member of this tenant`);
  }
  if (await ctx.tx.invitation.findFirst({ where: { tenantId, email: input.email, ...pendingInvitation() }, select: { id: true } })) {
    throw new AppError("conflict", `${input.email} already has a pending invitation to this tenant; withdraw it to invite them with other roles`);
  }
  if (input.initialPassword) await ensureLocalAccount(ctx, input.email, input.name, input.initialPassword);
  const by = ctx.scope.actor;
  const invitation = await ctx.tx.invitation.create({
    data: {
      tenantId, email: input.email, roles: input.roles,
      invitedById: by.kind === "user" ? by.id : by.userId, invitedByLabel: actorLabel(by),
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000),
    },
  });
  await ctx.audit({ action: "member.invite", resourceType: "invitation", resourceId: invitation.id, after: { email: invitation.email, roles: input.roles, expiresAt: invitation.expiresAt } });
  return invitationView(invitation);
}

/** An address with no account yet gets one with the password, so the person can sign in and answer. */
async function ensureLocalAccount(ctx: OpContext, email: string, name: string | undefined, password: string): Promise<void> {
  if (await ctx.tx.user.findUnique({ where: { email }, select: { id: true } })) return;
  const user = await ctx.tx.user.create({ data: { email, name: name ?? email, passwordHash: await bcrypt.hash(password, 10) } });
  await ctx.audit({ action: "user.create", resourceType: "user", resourceId: user.id, after: { email, name: user.name, localPassword: true } });
}
