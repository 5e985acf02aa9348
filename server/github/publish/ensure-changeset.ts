// The task's changeset, created by its first publication and taken over by each later attempt. The
// task id is unique, so two workers creating it at once make one row. An attempt older than the one
// the changeset already follows is superseded and publishes nothing.
import { appendAuditEvent } from "../../audit/append-event";
import { db } from "../../db/client";
import type { Changeset, Prisma } from "../../db/generated/client";
import { appendChangesetEvent } from "../changesets/changeset-transitions";
import type { Plan } from "./publication-plan";

export type PublishingRun = {
  id: string; tenantId: string; taskId: string; repositoryId: string; campaignId: string | null; taskClass: string; attempt: number; baseSha: string | null;
};

/** `taken`: this attempt created the changeset or took it over just now (it has published nothing yet). */
export async function ensureChangeset(run: PublishingRun, defaultBranch: string, plan: Plan, patchSha256: string): Promise<(Changeset & { taken: boolean }) | { superseded: number }> {
  const facts = {
    runId: run.id, mode: plan.mode, baseSha: run.baseSha, title: plan.title, labels: plan.labels, riskScore: plan.risk.score,
    riskParts: plan.risk as unknown as Prisma.InputJsonObject, needsHumanReview: plan.risk.needsHumanReview, patchSha256,
  };
  return db.$transaction(async (tx) => {
    const [created] = await tx.changeset.createManyAndReturn({
      skipDuplicates: true,
      data: [{
        tenantId: run.tenantId, taskId: run.taskId, repositoryId: run.repositoryId, campaignId: run.campaignId, taskClass: run.taskClass,
        state: "publishing", branch: plan.branch, baseBranch: defaultBranch, ...facts,
      }],
    });
    if (created) {
      await appendChangesetEvent(tx, created, { kind: "publish", toState: "publishing", message: `attempt ${run.attempt} (run ${run.id}) publishes as ${plan.mode.replaceAll("_", " ")} on ${plan.branch}`, data: { runId: run.id, risk: plan.risk.score } });
      await appendAuditEvent(tx, { tenantId: run.tenantId, actorType: "system", actorLabel: "worker", action: "changeset.create", resourceType: "changeset", resourceId: created.id, after: { runId: run.id, branch: plan.branch, mode: plan.mode, risk: plan.risk.score } });
      return { ...created, taken: true };
    }
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Changeset" WHERE "taskId" = ${run.taskId} FOR UPDATE`;
    const cs = await tx.changeset.findUniqueOrThrow({ where: { id: locked!.id } });
    if (cs.runId === run.id) return { ...cs, taken: false };
    const current = await tx.run.findUnique({ where: { id: cs.runId }, select: { attempt: true } });
    if (current && current.attempt > run.attempt) return { superseded: current.attempt };
    const updated = await tx.changeset.update({ where: { id: cs.id }, data: { ...facts, holdKind: null, flagReason: null } });
    await appendChangesetEvent(tx, cs, { kind: "publish", message: `attempt ${run.attempt} (run ${run.id}) takes over the changeset from run ${cs.runId}`, data: { runId: run.id, previousRunId: cs.runId, risk: plan.risk.score } });
    return { ...updated, taken: true };
  });
}
