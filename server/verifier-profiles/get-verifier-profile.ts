import type { OpContext } from "../core/op-context";
import { profileNotFound } from "./find-verifier-profile";
import { profileUsage } from "./profile-usage";
import { profileView, type VerifierProfileView } from "./verifier-profile-view";

export async function getVerifierProfile(ctx: OpContext, id: string): Promise<VerifierProfileView> {
  const tenantId = ctx.scope.tenant.id;
  const row = await ctx.tx.verifierProfile.findFirst({ where: { id, tenantId } });
  if (!row) throw profileNotFound();
  return profileView(row, (await profileUsage(ctx.tx, tenantId, [row.name])).get(row.name)!);
}
