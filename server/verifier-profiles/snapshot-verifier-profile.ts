// At admission a run takes a copy of its repository's verifier profile (name and steps): editing
// or deleting the profile afterwards changes no run in flight, and the run's report and provenance
// say what really ran. A repository naming a profile its tenant does not have gets no run.
import { AppError } from "../core/app-error";
import type { Tx } from "../db/client";
import type { VerifierSnapshot } from "../sandbox/types";
import { storedSteps } from "./verifier-profile-view";

type Repo = { owner: string; name: string; verifierProfile: string };

export async function snapshotVerifierProfile(tx: Tx, tenantId: string, repo: Repo, field: string): Promise<VerifierSnapshot> {
  const profile = await tx.verifierProfile.findUnique({ where: { tenantId_name: { tenantId, name: repo.verifierProfile } }, select: { name: true, steps: true } });
  if (!profile) {
    const message = `${repo.owner}/${repo.name} names verifier profile "${repo.verifierProfile}", which this tenant does not have: give the repository one of the tenant's profiles (Admin → Repositories) first`;
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
