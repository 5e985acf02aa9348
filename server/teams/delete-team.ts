import { notFound } from "../core/app-error";
import type { OpContext } from "../core/op-context";

/** Deleting a team leaves its repositories without an owning team (they are not deleted). */
export async function deleteTeam(ctx: OpContext, teamId: string): Promise<{ deleted: true; id: string; unassignedRepositories: number }> {
  const team = await ctx.tx.team.findFirst({ where: { id: teamId, tenantId: ctx.scope.tenant.id } });
  if (!team) throw notFound("team");
  const { count } = await ctx.tx.repository.updateMany({ where: { tenantId: ctx.scope.tenant.id, teamId: team.id }, data: { teamId: null } });
  await ctx.tx.team.delete({ where: { id: team.id } });
  await ctx.audit({ action: "team.delete", resourceType: "team", resourceId: team.id, before: { slug: team.slug, name: team.name }, payload: { unassignedRepositories: count } });
  return { deleted: true, id: team.id, unassignedRepositories: count };
}
