// What whyNoFollowUp decides on, read inside the caller's transaction: the member a GitHub login is
// linked to (Membership.githubLogin) with their scope as it is now, and the changeset's task, runs,
// follow-ups and the governance where it applies.
import { loadUserActor } from "../../auth/load-user-actor";
import { scopeFor, type Scope } from "../../authz/scope";
import type { Tx } from "../../db/client";
import type { Task } from "../../db/generated/client";
import { effectiveGovernance, type EffectiveGovernance } from "../../policy/effective-governance";
import { loadPolicySets } from "../../policy/load-policy-sets";
import type { FollowUpFacts } from "./follow-up-gate";

export type LinkedMember = { userId: string; label: string; scope: Scope };

/** The tenant's member whose linked GitHub login this is (any case), with their scope; null when none is, or their account is disabled. */
export async function memberFor(tx: Tx, tenantId: string, login: string): Promise<LinkedMember | null> {
  const m = await tx.membership.findFirst({ where: { tenantId, githubLogin: { equals: login, mode: "insensitive" } }, select: { userId: true } });
  return m ? memberById(tx, tenantId, m.userId) : null;
}

export async function memberById(tx: Tx, tenantId: string, userId: string): Promise<LinkedMember | null> {
  const actor = await loadUserActor(userId);
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { id: true, slug: true, name: true, status: true } });
  const scope = actor ? scopeFor(actor, tenant, await loadPolicySets(tx, tenantId)) : null;
  return actor && scope ? { userId, label: actor.email, scope } : null;
}

type ChangesetFacts = { id: string; tenantId: string; taskId: string; repositoryId: string; state: string };

export type LoadedFacts = { facts: FollowUpFacts; task: Task; governance: EffectiveGovernance };

export async function followUpFacts(tx: Tx, cs: ChangesetFacts, by: string, member: LinkedMember | null): Promise<LoadedFacts> {
  const task = await tx.task.findFirstOrThrow({ where: { id: cs.taskId, tenantId: cs.tenantId } });
  const repo = await tx.repository.findFirstOrThrow({ where: { id: cs.repositoryId, tenantId: cs.tenantId }, select: { name: true, team: { select: { slug: true } } } });
  const policy = member?.scope.policy ?? (await loadPolicySets(tx, cs.tenantId));
  // Where the task's runs apply policy (run-context.ts): the same place, so the same governance.
  const place = { repository: repo.name, ...(repo.team ? { team: repo.team.slug } : {}), ...(task.campaignId ? { campaign: task.campaignId } : {}), task: task.id };
  const governance = effectiveGovernance(policy.active, place);
  const [started, pending, openRun] = await Promise.all([
    tx.followUpRequest.findMany({ where: { changesetId: cs.id, state: "started" }, distinct: ["runId"], select: { runId: true } }),
    tx.followUpRequest.count({ where: { changesetId: cs.id, state: "pending" } }),
    tx.run.findFirst({ where: { taskId: cs.taskId, tenantId: cs.tenantId, state: { notIn: ["succeeded", "failed", "cancelled"] } }, select: { id: true, attempt: true, state: true } }),
  ]);
  const facts: FollowUpFacts = {
    by, member: member ? { label: member.label, mayStartRuns: member.scope.permissions.has("run.create") } : null,
    agentKind: task.agentKind, changesetState: cs.state, policy: governance.publishing.followUp, started: started.length, pending: pending > 0, openRun,
  };
  return { facts, task, governance };
}
