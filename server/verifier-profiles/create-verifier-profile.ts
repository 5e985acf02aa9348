import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { MAX_PROFILES_PER_TENANT, type CreateVerifierProfileInput } from "./verifier-profile-input";
import { auditShape, profileView, type VerifierProfileView } from "./verifier-profile-view";

export async function createVerifierProfile(ctx: OpContext, input: CreateVerifierProfileInput): Promise<VerifierProfileView> {
  const tenantId = ctx.scope.tenant.id;
  // Serialises creations in a tenant so the bound holds under concurrency.
  await ctx.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`verifier-profiles:${tenantId}`}))`;
  if (await ctx.tx.verifierProfile.findUnique({ where: { tenantId_name: { tenantId, name: input.name } }, select: { id: true } })) {
    throw new AppError("conflict", `a verifier profile named ${input.name} already exists in this tenant`);
  }
  if ((await ctx.tx.verifierProfile.count({ where: { tenantId } })) >= MAX_PROFILES_PER_TENANT) {
    throw new AppError("conflict", `a tenant has at most ${MAX_PROFILES_PER_TENANT} verifier profiles; delete one it no longer uses first`);
  }
  const row = await ctx.tx.verifierProfile.create({ data: { tenantId, name: input.name, description: input.description, steps: input.steps } });
  const view = profileView(row, { total: 0, repositories: [] });
  await ctx.audit({ action: "verifier_profile.create", resourceType: "verifier_profile", resourceId: row.id, after: auditShape(view) });
  return view;
}
