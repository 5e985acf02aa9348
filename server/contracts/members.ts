import { z } from "zod";
import { defineRoute, ZId, ZTenantParam } from "../http/define-route";
import { ZInvitation } from "../invitations/invitation-view";
import { ZInviteMember } from "../invitations/invitation-input";
import { ZListMembersQuery, ZUpdateMemberRoles } from "../members/member-input";
import { ZMember } from "../members/member-view";

const tenantParams = z.object({ tenant: ZTenantParam });
const memberParams = z.object({ tenant: ZTenantParam, memberId: ZId });
const invitationParams = z.object({ tenant: ZTenantParam, invitationId: ZId });

export const listMembersRoute = defineRoute({
  id: "member.list", method: "GET", path: "/api/v1/tenants/{tenant}/members", tag: "members",
  summary: "List the tenant's members and their roles", permission: "member.read",
  params: tenantParams, query: ZListMembersQuery, response: z.object({ members: z.array(ZMember) }),
});

export const inviteMemberRoute = defineRoute({
  id: "member.invite", method: "POST", path: "/api/v1/tenants/{tenant}/members", tag: "members",
  summary: "Invite a person to the tenant: a pending invitation they accept once signed in (the same answer whether or not the address has an account)",
  permission: "member.manage",
  params: tenantParams, body: ZInviteMember, response: ZInvitation, status: 201,
  // A password one tenant's admin chose would let that admin into every tenant that later adds the same person.
  alsoRequires: [{ permission: "member.set_password", when: "setsInitialPassword", because: "an account is platform-wide: its password is set by a platform admin; tenant admins add people who sign in with single sign-on" }],
  example: { body: { email: "new-person@example.test", roles: ["viewer"] } },
});

export const updateMemberRolesRoute = defineRoute({
  id: "member.update_roles", method: "PATCH", path: "/api/v1/tenants/{tenant}/members/{memberId}", tag: "members",
  summary: "Change a member's roles", permission: "member.manage",
  params: memberParams, body: ZUpdateMemberRoles, response: ZMember,
  example: { body: { roles: ["viewer", "operator"] } },
});

export const removeMemberRoute = defineRoute({
  id: "member.remove", method: "DELETE", path: "/api/v1/tenants/{tenant}/members/{memberId}", tag: "members",
  summary: "Remove a member from the tenant", permission: "member.manage",
  params: memberParams, response: z.object({ removed: z.literal(true), id: z.string() }),
});

export const endMemberSessionsRoute = defineRoute({
  id: "member.end_sessions", method: "DELETE", path: "/api/v1/tenants/{tenant}/members/{memberId}/sessions", tag: "members",
  summary: "Sign a member out everywhere: every session of theirs ends, effective on their next request", permission: "session.revoke",
  params: memberParams, response: z.object({ id: z.string(), ended: z.number().int().describe("how many sessions ended") }),
});

export const listInvitationsRoute = defineRoute({
  id: "invitation.list", method: "GET", path: "/api/v1/tenants/{tenant}/invitations", tag: "members",
  summary: "The tenant's pending invitations", permission: "member.read",
  params: tenantParams, response: z.object({ invitations: z.array(ZInvitation) }),
});

export const withdrawInvitationRoute = defineRoute({
  id: "invitation.withdraw", method: "DELETE", path: "/api/v1/tenants/{tenant}/invitations/{invitationId}", tag: "members",
  summary: "Withdraw a pending invitation", permission: "member.manage",
  params: invitationParams, response: ZInvitation,
});
