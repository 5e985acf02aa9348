// What an invitation looks like to the tenant's admins and to the person invited. Neither view
// says whether the address has an account: the answer to an add is the same either way.
import { z } from "zod";
import { knownRoles } from "../authz/roles";
import { ZMember, ZRole } from "../members/member-view";

export const INVITATION_STATES = ["pending", "accepted", "declined", "withdrawn", "expired"] as const;

export const ZInvitation = z.object({
  id: z.string(),
  email: z.string(),
  roles: z.array(ZRole),
  status: z.enum(INVITATION_STATES),
  invitedBy: z.string().describe("who invited: an e-mail, or token:<name>"),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type InvitationView = z.infer<typeof ZInvitation>;

export const ZMyInvitation = ZInvitation.omit({ email: true, status: true }).extend({
  tenant: z.object({ slug: z.string(), name: z.string() }),
});
export type MyInvitationView = z.infer<typeof ZMyInvitation>;

type Row = {
  id: string; email: string; roles: string[]; invitedByLabel: string; createdAt: Date; expiresAt: Date;
  acceptedAt: Date | null; declinedAt: Date | null; withdrawnAt: Date | null;
};

export function invitationStatus(i: Row, now = new Date()): InvitationView["status"] {
  if (i.acceptedAt) return "accepted";
  if (i.declinedAt) return "declined";
  if (i.withdrawnAt) return "withdrawn";
  return i.expiresAt <= now ? "expired" : "pending";
}

export const invitationView = (i: Row): InvitationView => ({
  id: i.id,
  email: i.email,
  roles: knownRoles(i.roles),
  status: invitationStatus(i),
  invitedBy: i.invitedByLabel,
  createdAt: i.createdAt.toISOString(),
  expiresAt: i.expiresAt.toISOString(),
});

export const myInvitationView = (i: Row & { tenant: { slug: string; name: string } }): MyInvitationView => ({
  id: i.id,
  tenant: { slug: i.tenant.slug, name: i.tenant.name },
  roles: knownRoles(i.roles),
  invitedBy: i.invitedByLabel,
  createdAt: i.createdAt.toISOString(),
  expiresAt: i.expiresAt.toISOString(),
});

export const ZAcceptedInvitation = z.object({ tenant: z.object({ slug: z.string(), name: z.string() }), member: ZMember });
