import type { z } from "zod";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import type { ZCreateTeam } from "./team-input";
import { teamInclude, teamView, type TeamView } from "./team-view";

export async function createTeam(ctx: OpContext, input: z.infer<typeof ZCreateTeam>): Promise<TeamView> {
  const tenantId = ctx.scope.tenant.id;
  if (await ctx.tx.team.findUnique({ where: { tenantId_slug: { tenantId, slug: input.slug } } })) {
    throw new AppError("conflict", `a team with slug "${input.slug}" already exists`);
  }
  const team = await ctx.tx.team.create({ data: { tenantId, ...input }, include: teamInclude });
  await ctx.audit({ action: "team.create", resourceType: "team", resourceId: team.id, after: input });
  return teamView(team);
}
