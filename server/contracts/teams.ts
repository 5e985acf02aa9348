import { z } from "zod";
import { defineRoute, ZId, ZTenantParam } from "../http/define-route";
import { ZTeam } from "../teams/team-view";
import { ZAddTeamMember, ZCreateTeam, ZUpdateTeam } from "../teams/team-input";

const tenantParams = z.object({ tenant: ZTenantParam });
const teamParams = z.object({ tenant: ZTenantParam, teamId: ZId });

export const listTeamsRoute = defineRoute({
  id: "team.list", method: "GET", path: "/api/v1/tenants/{tenant}/teams", tag: "teams",
  summary: "List teams", permission: "team.read", params: tenantParams, response: z.object({ teams: z.array(ZTeam) }),
});

export const createTeamRoute = defineRoute({
  id: "team.create", method: "POST", path: "/api/v1/tenants/{tenant}/teams", tag: "teams",
  summary: "Create a team", permission: "team.manage", params: tenantParams, body: ZCreateTeam, response: ZTeam, status: 201,
  example: { body: { slug: "new-team", name: "New team", description: "Created by the API test" } },
});

export const updateTeamRoute = defineRoute({
  id: "team.update", method: "PATCH", path: "/api/v1/tenants/{tenant}/teams/{teamId}", tag: "teams",
  summary: "Rename a team or change its description", permission: "team.manage", params: teamParams, body: ZUpdateTeam, response: ZTeam,
  example: { body: { description: "Updated by the API test" } },
});

export const deleteTeamRoute = defineRoute({
  id: "team.delete", method: "DELETE", path: "/api/v1/tenants/{tenant}/teams/{teamId}", tag: "teams",
  summary: "Delete a team (its repositories lose their owning team)", permission: "team.manage", params: teamParams,
  response: z.object({ deleted: z.literal(true), id: z.string(), unassignedRepositories: z.number().int() }),
});

export const addTeamMemberRoute = defineRoute({
  id: "team.member.add", method: "POST", path: "/api/v1/tenants/{tenant}/teams/{teamId}/members", tag: "teams",
  summary: "Add a tenant member to a team", permission: "team.manage", params: teamParams, body: ZAddTeamMember, response: ZTeam, status: 201,
});

export const removeTeamMemberRoute = defineRoute({
  id: "team.member.remove", method: "DELETE", path: "/api/v1/tenants/{tenant}/teams/{teamId}/members/{userId}", tag: "teams",
  summary: "Remove a person from a team", permission: "team.manage",
  params: z.object({ tenant: ZTenantParam, teamId: ZId, userId: ZId }), response: ZTeam,
});
