import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";

/** A team id from input must name a team of the same tenant; anything else is a field error. */
export async function findTeamInTenant(ctx: OpContext, teamId: string): Promise<string> {
  const team = await ctx.tx.team.findFirst({ where: { id: teamId, tenantId: ctx.scope.tenant.id }, select: { id: true } });
  if (!team) {
    throw new AppError("validation_failed", "body.teamId names no team in this tenant", { issues: [{ path: "body.teamId", message: "names no team in this tenant" }] });
  }
  return team.id;
}
