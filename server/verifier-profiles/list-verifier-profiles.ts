import type { OpContext } from "../core/op-context";
import { MAX_PROFILES_PER_TENANT } from "./verifier-profile-input";
import { profileUsage } from "./profile-usage";
import { profileView, type VerifierProfileView } from "./verifier-profile-view";

/** Every profile of the tenant by name (they are bounded per tenant), with the repositories using each. */
export async function listVerifierProfiles(ctx: OpContext): Promise<{ profiles: VerifierProfileView[] }> {
  const tenantId = ctx.scope.tenant.id;
  const rows = await ctx.tx.verifierProfile.findMany({ where: { tenantId }, orderBy: { name: "asc" }, take: MAX_PROFILES_PER_TENANT });
  const usage = await profileUsage(ctx.tx, tenantId, rows.map((r) => r.name));
  return { profiles: rows.map((r) => profileView(r, usage.get(r.name)!)) };
}
