import type { OpContext } from "../core/op-context";
import { teamInclude, teamView, type TeamView } from "./team-view";

export async function listTeams(ctx: OpContext): Promise<{ teams: TeamView[] }> {
  const rows = await ctx.tx.team.findMany({ where: { tenantId: ctx.scope.tenant.id }, include: teamInclude, orderBy: { name: "asc" }, take: 1000 });
  return { teams: rows.map(teamView) };
}
