// One changeset as its screens show it: the PR's facts, the risk score with each part, the timeline
// (ChangesetEvents, oldest first) and the provenance of the run that last published it. Loaded
// within the caller's tenant: another tenant's changeset is not found, like a missing one.
import { AppError } from "../../core/app-error";
import type { OpContext } from "../../core/op-context";
import type { Changeset, ChangesetEvent } from "../../db/generated/client";
import { repositoryNames } from "../../runs/list-runs";
import { changesetSummary, storedRisk } from "./changeset-summary";
import { EVENTS_SHOWN, type ChangesetDetail, type ChangesetEventView, type ChangesetProvenance } from "./changeset-view";

export async function getChangeset(ctx: OpContext, changesetId: string): Promise<ChangesetDetail> {
  const changeset = await ctx.tx.changeset.findFirst({ where: { id: changesetId, tenantId: ctx.scope.tenant.id } });
  if (!changeset) throw new AppError("not_found", "changeset not found");
  return changesetDetail(ctx, changeset);
}

export async function changesetDetail(ctx: OpContext, c: Changeset): Promise<ChangesetDetail> {
  const tenantId = ctx.scope.tenant.id;
  const [names, latest, eventCount, run, models, patch] = await Promise.all([
    repositoryNames(ctx.tx, tenantId, [c.repositoryId]),
    ctx.tx.changesetEvent.findMany({ where: { changesetId: c.id, tenantId }, orderBy: { seq: "desc" }, take: EVENTS_SHOWN }),
    ctx.tx.changesetEvent.count({ where: { changesetId: c.id, tenantId } }),
    ctx.tx.run.findFirst({ where: { id: c.runId, tenantId }, include: { task: { select: { agentKind: true } } } }),
    ctx.tx.costEntry.groupBy({ by: ["subject"], where: { runId: c.runId, tenantId, kind: "model" }, _min: { at: true } }),
    ctx.tx.runArtifact.findFirst({ where: { runId: c.runId, tenantId, kind: "patch" }, select: { sha256: true } }),
  ]);
  const events = latest.reverse();
  const risk = storedRisk(c.riskParts);
  const summary = changesetSummary(c, names.get(c.repositoryId) ?? "(removed repository)");
  const provenance: ChangesetProvenance = {
    runId: c.runId,
    taskId: c.taskId,
    attempt: run?.attempt ?? null,
    campaignId: c.campaignId ?? run?.campaignId ?? null,
    agentKind: run?.task.agentKind ?? null,
    models: models.sort((a, b) => (a._min.at?.getTime() ?? 0) - (b._min.at?.getTime() ?? 0)).map((m) => m.subject),
    sandboxProfile: recordedSandboxProfile(events),
    baseSha: c.baseSha ?? run?.baseSha ?? null,
    headSha: c.headSha,
    effectivePolicyHash: run?.effectivePolicyHash ?? null,
    verifierProfile: verifierProfileOf(run?.verifierReport),
    patchSha256: c.patchSha256 ?? patch?.sha256 ?? null,
  };
  return {
    changeset: {
      ...summary,
      baseSha: c.baseSha, headSha: c.headSha, patchSha256: c.patchSha256, publishAttempts: c.publishAttempts,
      reconciledAt: c.reconciledAt?.toISOString() ?? null, updatedAt: c.updatedAt.toISOString(),
      risk: { ...summary.risk, threshold: risk.threshold, parts: risk.parts },
    },
    events: events.map(changesetEventView),
    eventCount,
    provenance,
    run: run ? { id: run.id, state: run.state, attempt: run.attempt } : null,
  };
}

export const changesetEventView = (e: ChangesetEvent): ChangesetEventView => ({
  seq: e.seq, at: e.at.toISOString(), kind: e.kind, fromState: e.fromState, toState: e.toState, message: e.message,
  data: e.data && typeof e.data === "object" && !Array.isArray(e.data) ? (e.data as Record<string, unknown>) : null,
});

/** The sandbox profile is not a column of the run: the publisher says it on its publish event (data.provenance.sandboxProfile or data.sandboxProfile). */
function recordedSandboxProfile(events: ChangesetEvent[]): string | null {
  for (const e of [...events].reverse()) {
    const d = e.data as { sandboxProfile?: unknown; provenance?: { sandboxProfile?: unknown } } | null;
    const v = d?.provenance?.sandboxProfile ?? d?.sandboxProfile;
    if (typeof v === "string" && v) return v;
  }
  return null;
}

const verifierProfileOf = (report: unknown) => {
  const p = report && typeof report === "object" ? (report as { profile?: unknown }).profile : undefined;
  return typeof p === "string" ? p : null;
};
