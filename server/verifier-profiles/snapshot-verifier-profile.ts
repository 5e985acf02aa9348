// At admission a run takes a copy of its verifier profile (its campaign's, where the campaign names
// one, else its repository's; name and steps): editing or deleting the profile afterwards changes no
// run in flight, and the run's report and provenance say what really ran. A repository or campaign
// naming a profile its tenant does not have gets no run.
import { AppError } from "../core/app-error";
import type { Tx } from "../db/client";
import type { VerifierSnapshot } from "../sandbox/types";
import { storedSteps } from "./verifier-profile-view";

type Repo = { owner: string; name: string; verifierProfile: string };

/** `campaignProfile`: the profile the run's campaign names, which stands for the repository's. */
export async function snapshotVerifierProfile(tx: Tx, tenantId: string, repo: Repo, field: string, campaignProfile?: string | null): Promise<VerifierSnapshot> {
  const name = campaignProfile ?? repo.verifierProfile;
  const profile = await tx.verifierProfile.findUnique({ where: { tenantId_name: { tenantId, name } }, select: { name: true, steps: true } });
  if (!profile) {
    const message = campaignProfile
      ? `the campaign names verifier profile "${name}", which this tenant no longer has: add it again (Admin → Verifier profiles)`
      : `${repo.owner}/${repo.name} names verifier profile "${name}", which this tenant does not have: give the repository one of the tenant's profiles (Admin → Repositories) first`;
    throw new AppError("validation_failed", `${field}: ${message}`, { issues: [{ path: field, message }] });
  }
  return { profile: profile.name, steps: storedSteps(profile.steps) };
}

/**
 * The copy a run carries, or a refusal to go on without one: a run written without admission (not
 * through the API) has none, and is never verified against whatever the profile says now.
 */
export function runVerifierSnapshot(run: { id: string; verifierProfile: string | null; verifierSteps: unknown }): VerifierSnapshot {
  if (run.verifierProfile === null || run.verifierSteps === null || run.verifierSteps === undefined) {
    throw new AppError("conflict", `run ${run.id} carries no copy of its verifier profile (it was not admitted through Fleetgate's API), so it cannot be verified: retry it to admit a new run`);
  }
  return { profile: run.verifierProfile, steps: storedSteps(run.verifierSteps) };
}
