// A merged changeset as post-merge health works on it: its merge, health columns, repository (with
// the installation that reaches it) and tenant, loaded by id for the worker (the job carries only the
// id; every write after scopes by its tenant).
import { db } from "../../db/client";
import type { LeaseTarget } from "../token-leases";

export const loadHealthChangeset = (id: string) =>
  db.changeset.findUnique({
    where: { id },
    select: {
      id: true, tenantId: true, taskId: true, runId: true, campaignId: true, state: true, title: true, prNumber: true, prUrl: true, baseBranch: true,
      mergedAt: true, mergeCommitSha: true, healthState: true, healthUntil: true, healthReason: true, revertPrNumber: true,
      tenant: { select: { slug: true } },
      repository: {
        select: {
          id: true, owner: true, name: true, defaultBranch: true, remoteUrl: true, team: { select: { slug: true, githubTeam: true } },
          githubInstallation: { select: { id: true, githubId: true, tenantId: true, deletedAt: true, suspendedAt: true } },
        },
      },
    },
  });

export type HealthChangeset = NonNullable<Awaited<ReturnType<typeof loadHealthChangeset>>>;

/** The installation that reaches the repository for this tenant, or why there is none. */
export function leaseTargetOf(cs: HealthChangeset): LeaseTarget | string {
  const inst = cs.repository.githubInstallation;
  if (!inst || inst.tenantId !== cs.tenantId || inst.deletedAt || inst.suspendedAt) return `${cs.repository.owner}/${cs.repository.name} is not reached through an active GitHub App installation of this tenant`;
  return { tenantId: cs.tenantId, repositoryId: cs.repository.id, changesetId: cs.id, runId: cs.runId, installationGithubId: inst.githubId, owner: cs.repository.owner, name: cs.repository.name };
}

export const revertBranchOf = (mergeSha: string) => `fleetgate/revert-${mergeSha.slice(0, 12)}`;
