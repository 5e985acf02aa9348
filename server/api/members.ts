import { z } from "zod";
import { defineRoute, ZId, ZTenantParam } from "../http/define-route";
import { ZAddMember } from "../members/add-member";
import { ZListMembersQuery } from "../members/list-members";
import { ZMember } from "../members/member-view";
import { ZUpdateMemberRoles } from "../members/update-member-roles";

const tenantParams = z.object({ tenant: ZTenantParam });
const memberParams = z.object({ tenant: ZTenantParam, memberId: ZId });

export const listMembersRoute = defineRoute({
  id: "member.list", method: "GET", path: "/api/v1/tenants/{tenant}/members", tag: "members",
  summary: "List the tenant's members and their roles", permission: "member.read",
  params: tenantParams, query: ZListMembersQuery, response: z.object({ members: z.array(ZMember) }),
});

export const addMemberRoute = defineRoute({
  id: "member.add", method: "POST", path: "/api/v1/tenants/{tenant}/members", tag: "members",
  summary: "Add a person to the tenant (creating their account if new)", permission: "member.manage",
  params: tenantParams, body: ZAddMember, response: ZMember, status: 201,
  example: { body: { email: "new-person@example.test", name: "New Person", roles: ["viewer"] } },
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
