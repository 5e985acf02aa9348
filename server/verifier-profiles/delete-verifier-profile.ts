// Removes a profile no repository names. One in use is refused, naming the repositories: a
// repository's runs would otherwise be refused until someone picks another profile for it. Runs
// already admitted keep their own copy of the steps, so deleting changes no run.
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { lockProfile } from "./find-verifier-profile";
import { profileUsage } from "./profile-usage";
import { auditShape, profileView, type VerifierProfileView } from "./verifier-profile-view";

export async function deleteVerifierProfile(ctx: OpContext, id: string): Promise<VerifierProfileView> {
  // The lock waits for a repository change naming this profile (it holds the row FOR SHARE), so the count below is final.
  const row = await lockProfile(ctx, id);
  const used = (await profileUsage(ctx.tx, row.tenantId, [row.name])).get(row.name)!;
  if (used.total > 0) {
    const names = used.repositories.slice(0, 10).map((r) => r.fullName);
    const more = used.total - names.length;
    throw new AppError("conflict", `verifier profile ${row.name} is used by ${names.join(", ")}${more > 0 ? ` and ${more} more` : ""}: give ${used.total === 1 ? "that repository" : "those repositories"} another profile first`, {
      repositories: used.repositories.map((r) => r.fullName), total: used.total,
    });
  }
  await ctx.tx.verifierProfile.delete({ where: { id: row.id } });
  const view = profileView(row, used);
  await ctx.audit({ action: "verifier_profile.delete", resourceType: "verifier_profile", resourceId: row.id, before: auditShape(view) });
  return view;
}
