import type { z } from "zod";
import { notFound } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import type { ZUpdateTeam } from "./team-input";
import { teamInclude, teamView, type TeamView } from "./team-view";

export async function updateTeam(ctx: OpContext, teamId: string, input: z.infer<typeof ZUpdateTeam>): Promise<TeamView> {
  const before = await ctx.tx.team.findFirst({ where: { id: teamId, tenantId: ctx.scope.tenant.id } });
  if (!before) throw notFound("team");
  const team = await ctx.tx.team.update({ where: { id: before.id }, data: input, include: teamInclude });
  await ctx.audit({
    action: "team.update", resourceType: "team", resourceId: team.id,
    before: { name: before.name, description: before.description }, after: { name: team.name, description: team.description },
  });
  return teamView(team);
}
