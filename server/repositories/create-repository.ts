import type { z } from "zod";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { holdProfileNamed } from "../verifier-profiles/find-verifier-profile";
import { findTeamInTenant } from "./find-team-in-tenant";
import type { ZCreateRepository } from "./repository-input";
import { auditShape, repositoryInclude, repositoryView, type RepositoryView } from "./repository-view";

export async function createRepository(ctx: OpContext, input: z.infer<typeof ZCreateRepository>): Promise<RepositoryView> {
  const tenantId = ctx.scope.tenant.id;
  const teamId = input.teamId ? await findTeamInTenant(ctx, input.teamId) : null;
  const verifierProfile = await holdProfileNamed(ctx, input.verifierProfile, "body.verifierProfile");
  const key = { tenantId_provider_owner_name: { tenantId, provider: input.provider, owner: input.owner, name: input.name } };
  if (await ctx.tx.repository.findUnique({ where: key })) throw new AppError("conflict", `${input.owner}/${input.name} is already registered`);
  const repo = repositoryView(await ctx.tx.repository.create({
    data: { tenantId, provider: input.provider, owner: input.owner, name: input.name, defaultBranch: input.defaultBranch, riskTier: input.riskTier, teamId, verifierProfile },
    include: repositoryInclude,
  }));
  await ctx.audit({ action: "repository.create", resourceType: "repository", resourceId: repo.id, after: auditShape(repo) });
  return repo;
}
