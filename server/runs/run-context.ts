// Everything a worker needs about the run it holds: the task, the repository, where the policy
// applies (place), the governance there, a follow-up's scope and feedback, and an OpContext for the person who asked, so approval
// requests raised by the run are theirs (and they may not approve them).
import { randomBytes } from "node:crypto";
import { loadUserActor } from "../auth/load-user-actor";
import { scopeFor, type Scope } from "../authz/scope";
import { db } from "../db/client";
import { followUpFeedback } from "./follow-up-feedback";
import { AppError } from "../core/app-error";
import { runOperation, type OpContext } from "../core/op-context";
import { effectiveGovernance, type EffectiveGovernance, type Place } from "../policy/effective-governance";
import { loadPolicySets, type PolicySets } from "../policy/load-policy-sets";
import type { FeedbackForAgent } from "./follow-up-instruction";

type RepositoryRow = {
  id: string; owner: string; name: string; remoteUrl: string | null; defaultBranch: string; riskTier: string; team: { slug: string } | null;
  githubInstallationId: string | null;
};

export type RunContext = Awaited<ReturnType<typeof loadRun>> & {
  repository: RepositoryRow; place: Place; policy: PolicySets; governance: EffectiveGovernance;
  /** The run's start was approved: only then may its class change the paths it is exempted for. */
  startApproved: boolean;
  /**
   * A follow-up on review feedback: the run it revises (its patch is where it starts), the only files
   * it may change, and the feedback (stored redacted), oldest first. null for any other run.
   */
  followUp: { ofRunId: string; allowedPaths: string[]; feedback: FeedbackForAgent[] } | null;
};

export const loadRun = (runId: string) =>
  db.run.findUniqueOrThrow({
    where: { id: runId },
    include: { task: true, tenant: { select: { id: true, slug: true, name: true, status: true } } },
  });

export async function runContext(runId: string): Promise<RunContext> {
  const run = await loadRun(runId);
  const repository = await db.repository.findFirstOrThrow({ where: { id: run.repositoryId, tenantId: run.tenantId }, include: { team: { select: { slug: true } } } });
  const place: Place = { repository: repository.name, ...(repository.team ? { team: repository.team.slug } : {}), ...(run.campaignId ? { campaign: run.campaignId } : {}), task: run.taskId };
  const policy = await loadPolicySets(db, run.tenantId);
  const approval = await db.approvalRequest.findFirst({ where: { tenantId: run.tenantId, subjectType: "run", subjectId: run.id, action: "start", state: "approved" }, select: { id: true } });
  const followUp = run.followUpOfRunId ? { ofRunId: run.followUpOfRunId, allowedPaths: run.allowedPaths, feedback: await followUpFeedback(run) } : null;
  return { ...run, repository, place, policy, governance: effectiveGovernance(policy.active, place), startApproved: approval !== null, followUp };
}

/** The requester's scope in the run's tenant, as it is now (roles can change while a run waits). */
export async function requesterScope(run: RunContext): Promise<Scope> {
  const actor = run.task.requesterId ? await loadUserActor(run.task.requesterId) : null;
  const scope = actor ? scopeFor(actor, run.tenant, run.policy) : null;
  if (!scope) throw new AppError("forbidden", `${run.task.requesterLabel}, who asked for this run, no longer has access to the tenant`);
  return scope;
}

/** Runs fn as an operation of the run's requester (their audit events and decision records, one transaction). */
export async function asRequester<T>(run: RunContext, name: string, fn: (ctx: OpContext) => Promise<T>): Promise<T> {
  const scope = await requesterScope(run);
  return runOperation(scope, { requestId: `run-${run.id}-${randomBytes(3).toString("hex")}`, ip: null }, name, fn);
}
