// Adding people to a team and removing them. Only people who are members of the tenant can join
// its teams; another tenant's team or person answers 404 like a missing one.
import type { z } from "zod";
import { AppError, notFound } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import type { ZAddTeamMember } from "./team-input";
import { teamInclude, teamView, type TeamView } from "./team-view";

async function teamOf(ctx: OpContext, teamId: string) {
  const team = await ctx.tx.team.findFirst({ where: { id: teamId, tenantId: ctx.scope.tenant.id }, select: { id: true, slug: true } });
  if (!team) throw notFound("team");
  return team;
}

export async function addTeamMember(ctx: OpContext, teamId: string, input: z.infer<typeof ZAddTeamMember>): Promise<TeamView> {
  const tenantId = ctx.scope.tenant.id;
  const team = await teamOf(ctx, teamId);
  const member = await ctx.tx.membership.findUnique({ where: { tenantId_userId: { tenantId, userId: input.userId } }, select: { user: { select: { email: true } } } });
  if (!member) {
    throw new AppError("validation_failed", "that person is not a member of this tenant", { issues: [{ path: "body.userId", message: "not a member of this tenant" }] });
  }
  if (await ctx.tx.teamMember.findUnique({ where: { teamId_userId: { teamId, userId: input.userId } } })) {
    throw new AppError("conflict", `${member.user.email} is already in team ${team.slug}`);
  }
  await ctx.tx.teamMember.create({ data: { tenantId, teamId, userId: input.userId } });
  await ctx.audit({ action: "team.member.add", resourceType: "team", resourceId: teamId, after: { team: team.slug, userId: input.userId, email: member.user.email } });
  return teamView(await ctx.tx.team.findUniqueOrThrow({ where: { id: teamId }, include: teamInclude }));
}

export async function removeTeamMember(ctx: OpContext, teamId: string, userId: string): Promise<TeamView> {
  const team = await teamOf(ctx, teamId);
  const { count } = await ctx.tx.teamMember.deleteMany({ where: { teamId, userId, tenantId: ctx.scope.tenant.id } });
  if (count === 0) throw notFound("team member");
  await ctx.audit({ action: "team.member.remove", resourceType: "team", resourceId: teamId, before: { team: team.slug, userId } });
  return teamView(await ctx.tx.team.findUniqueOrThrow({ where: { id: teamId }, include: teamInclude }));
}
