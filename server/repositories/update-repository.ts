import type { z } from "zod";
import { notFound } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { holdProfileNamed } from "../verifier-profiles/find-verifier-profile";
import { findTeamInTenant } from "./find-team-in-tenant";
import type { ZUpdateRepository } from "./repository-input";
import { auditShape, repositoryInclude, repositoryView, type RepositoryView } from "./repository-view";

export async function updateRepository(ctx: OpContext, id: string, input: z.infer<typeof ZUpdateRepository>): Promise<RepositoryView> {
  const found = await ctx.tx.repository.findFirst({ where: { id, tenantId: ctx.scope.tenant.id }, include: repositoryInclude });
  if (!found) throw notFound("repository");
  const before = repositoryView(found);
  const teamId = input.teamId === undefined ? undefined : input.teamId === null ? null : await findTeamInTenant(ctx, input.teamId);
  const verifierProfile = input.verifierProfile === undefined ? undefined : await holdProfileNamed(ctx, input.verifierProfile, "body.verifierProfile");
  const after = repositoryView(await ctx.tx.repository.update({
    where: { id: found.id },
    data: { defaultBranch: input.defaultBranch, riskTier: input.riskTier, teamId, verifierProfile },
    include: repositoryInclude,
  }));
  await ctx.audit({ action: "repository.update", resourceType: "repository", resourceId: after.id, before: auditShape(before), after: auditShape(after) });
  return after;
}
