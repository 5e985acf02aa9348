// Integration-test helpers for campaign waves: a wave's runs ended and its changesets written
// straight to the database, as the worker, the publisher and GitHub's deliveries would leave them.
import { db } from "../db/client";
import type { ChangesetState, Prisma, Run, RunFailureClass } from "../db/generated/client";

let prNumber = 1000;

/** The campaign's runs of one wave, in the order of their repositories' names. */
export async function waveRuns(campaignId: string, waveIndex: number): Promise<(Run & { repo: string })[]> {
  const targets = await db.campaignTarget.findMany({ where: { campaignId, waveIndex, taskId: { not: null } }, include: { repository: { select: { name: true } } } });
  const runs = await db.run.findMany({ where: { campaignId, taskId: { in: targets.map((t) => t.taskId!) } }, orderBy: { queuedAt: "asc" } });
  const repoOf = new Map(targets.map((t) => [t.taskId, t.repository.name]));
  return runs.map((r) => ({ ...r, repo: repoOf.get(r.taskId)! })).sort((a, b) => a.repo.localeCompare(b.repo));
}

/** Ends a run: succeeded (verified), or failed with a class (verifier_failed leaves a verifier report). */
export async function endRun(run: Run, outcome: "succeeded" | RunFailureClass) {
  const failed = outcome !== "succeeded";
  const verified = outcome === "succeeded" || outcome === "verifier_failed";
  return db.run.update({
    where: { id: run.id },
    data: {
      state: failed ? (outcome === "cancelled" ? "cancelled" : "failed") : "succeeded", finishedAt: new Date(), failureClass: failed ? outcome : null,
      ...(verified ? { verifierReport: { profile: "node-test", results: [{ name: "test", passed: !failed }] } } : {}),
    },
  });
}

const WITH_PR: ChangesetState[] = ["draft", "open", "merged", "closed", "edited", "needs_human", "blocked"];

/** The run's changeset in a state (a PR number when the state has one); set: any other column. */
export async function changesetOf(run: Run, state: ChangesetState, set: Partial<Prisma.ChangesetUncheckedCreateInput> = {}) {
  const data = {
    state, prNumber: WITH_PR.includes(state) ? ++prNumber : null, mergedAt: state === "merged" ? new Date() : null, closedAt: state === "closed" ? new Date() : null, ...set,
  };
  return db.changeset.upsert({
    where: { taskId: run.taskId },
    create: {
      tenantId: run.tenantId, taskId: run.taskId, repositoryId: run.repositoryId, runId: run.id, campaignId: run.campaignId, taskClass: run.taskClass,
      mode: "draft_pr", branch: `fleetgate/docs-update/${run.taskId}`, baseBranch: "main", riskScore: 1, riskParts: [], ...data,
    },
    update: data,
  });
}

/** Every run of the wave succeeded with its PR in `state`. */
export async function finishWave(campaignId: string, waveIndex: number, state: ChangesetState = "open") {
  const runs = await waveRuns(campaignId, waveIndex);
  for (const r of runs) {
    await endRun(r, "succeeded");
    await changesetOf(r, state);
  }
  return runs;
}
