// A profile's new description or steps. Runs already admitted keep the steps they were admitted
// with (Run.verifierSteps); the next run of a repository naming it takes the new ones.
import type { OpContext } from "../core/op-context";
import { lockProfile } from "./find-verifier-profile";
import { profileUsage } from "./profile-usage";
import type { UpdateVerifierProfileInput } from "./verifier-profile-input";
import { auditShape, profileView, storedSteps, type VerifierProfileView } from "./verifier-profile-view";

export async function updateVerifierProfile(ctx: OpContext, id: string, input: UpdateVerifierProfileInput): Promise<VerifierProfileView> {
  const current = await lockProfile(ctx, id);
  const before = auditShape({ ...current, steps: storedSteps(current.steps) });
  const row = await ctx.tx.verifierProfile.update({ where: { id: current.id }, data: { description: input.description, steps: input.steps } });
  const view = profileView(row, (await profileUsage(ctx.tx, row.tenantId, [row.name])).get(row.name)!);
  const after = auditShape(view);
  const changed = (["description", "steps"] as const).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  await ctx.audit({
    action: "verifier_profile.update", resourceType: "verifier_profile", resourceId: row.id,
    before: { name: row.name, ...Object.fromEntries(changed.map((k) => [k, before[k]])) },
    after: { name: row.name, ...Object.fromEntries(changed.map((k) => [k, after[k]])) },
  });
  return view;
}
