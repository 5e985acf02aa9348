// Linking a team to its GitHub team (a slug in the installation's organization), whose members are
// asked to review the team's agent PRs; null unlinks it.
import { notFound } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { teamInclude, teamView, type TeamView } from "./team-view";

export async function setGithubTeam(ctx: OpContext, teamId: string, githubTeam: string | null): Promise<TeamView> {
  const before = await ctx.tx.team.findFirst({ where: { id: teamId, tenantId: ctx.scope.tenant.id }, include: teamInclude });
  if (!before) throw notFound("team");
  const team = await ctx.tx.team.update({ where: { id: before.id }, data: { githubTeam }, include: teamInclude });
  await ctx.audit({ action: "team.set_github_team", resourceType: "team", resourceId: team.id, before: { githubTeam: before.githubTeam }, after: { githubTeam: team.githubTeam } });
  return teamView(team);
}
