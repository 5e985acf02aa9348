// Letting a run of a task into the queue: the autonomy asked for within the maximum for the
// repository and class (autonomy-limit.ts: every level's governance and the policy's rules, a risk
// tier's included), the class allowed, no kill switch covering it, the verifier profile (the campaign's or the repository's)
// present in the tenant (the run keeps a copy of it), the policy's run.create decision, and nothing the boundary would certainly refuse (task-foresight.ts; likely refusals go into the
// approval request and the timeline). Shared by a new task and a retry (a new run of the same task), so both are checked
// against the policy and switches in force now. When the policy wants approval first, the run
// waits in awaiting_approval under an approval request.
import { requestApproval } from "../approvals/request-approval";
import { actorLabel } from "../authz/scope";
import type { Task } from "../db/generated/client";
import { AppError } from "../core/app-error";
import type { AuditRecord, OpContext } from "../core/op-context";
import { coveringSwitches, describeSwitch } from "../kill-switches/covering-switches";
import { AUTONOMY_LEVELS } from "../policy/document-schema";
import { effectiveGovernance } from "../policy/effective-governance";
import { explanationCause } from "../policy/evaluate";
import { policyRefusal } from "../authz/policy-refusal";
import { snapshotVerifierProfile } from "../verifier-profiles/snapshot-verifier-profile";
import { autonomyLimit, type Autonomy, type AutonomyLimit } from "./autonomy-limit";
import { appendRunEvent } from "./run-events";
import { enqueueRun } from "./run-jobs";
import { taskForesight } from "./task-foresight";

export const field = (path: string, message: string) => new AppError("validation_failed", `${path}: ${message}`, { issues: [{ path, message }] });

type Repo = { id: string; owner: string; name: string; riskTier: string; verifierProfile: string; team: { slug: string } | null };
type Admission = {
  attempt: number;
  /** Where refusals point: the request's body (a new task) or the stored task (a retry). */
  at: "body" | "task";
  cause: string;
  audit: (runId: string, governanceSources: string[]) => AuditRecord;
  /** A follow-up on review feedback: the run reviewed, and the only files the new run may change. */
  followUp?: { ofRunId: string; allowedPaths: string[] };
};

export async function admitRun(ctx: OpContext, task: Task, repo: Repo, o: Admission) {
  const tenantId = ctx.scope.tenant.id;
  // A campaign's task is governed by its campaign's documents too, and stopped by its switch.
  const place = { repository: repo.name, ...(repo.team ? { team: repo.team.slug } : {}), ...(task.campaignId ? { campaign: task.campaignId } : {}) };
  const governance = effectiveGovernance(ctx.scope.policy.active, place);
  const autonomy = task.autonomy as Autonomy;
  const resource = { kind: "run", repository: repo.name, riskTier: repo.riskTier };
  const context = { autonomyLevel: autonomy, changeClass: task.taskClass, ...place };
  const aboveLimit = (limit: AutonomyLimit) => field(
    `${o.at}.autonomy`, `${autonomy} is above the maximum for ${repo.owner}/${repo.name} and ${task.taskClass} (${limit.max}, set by ${limit.setBy})`,
  );
  if (AUTONOMY_LEVELS.indexOf(autonomy) > AUTONOMY_LEVELS.indexOf(governance.autonomyMax)) {
    throw aboveLimit(autonomyLimit(ctx.scope, governance, resource, context) ?? { max: governance.autonomyMax, setBy: `${governance.autonomyMaxFrom} (governance.autonomy_max)` });
  }
  if (governance.allowedChangeClasses && !governance.allowedChangeClasses.includes(task.taskClass)) {
    throw field(`${o.at}.taskClass`, `${task.taskClass} is not allowed here (allowed: ${governance.allowedChangeClasses.join(", ")}; from ${governance.sources.join(", ")})`);
  }
  const switches = await coveringSwitches(ctx.tx, { tenantId, repositoryId: repo.id, campaignId: task.campaignId }, "new_runs");
  if (switches.length) throw new AppError("conflict", `no new runs: ${describeSwitch(switches[0]!)}`, { killSwitches: switches.map((s) => s.id) });
  const verifiers = await snapshotVerifierProfile(ctx.tx, tenantId, repo, `${o.at}.repositoryId`, task.verifierProfile);

  const decision = await ctx.decide("run.create", resource, context);
  if (decision.effect === "deny") {
    // Refused for its autonomy when a lower one would be admitted: say which, so the retry succeeds.
    const limit = autonomyLimit(ctx.scope, governance, resource, context);
    if (limit && AUTONOMY_LEVELS.indexOf(limit.max) < AUTONOMY_LEVELS.indexOf(autonomy)) throw aboveLimit(limit);
    throw policyRefusal("this run", decision);
  }
  // Refused before anyone is asked: what the boundary would certainly refuse. A start that needs
  // approval counts as approved here, since the run starts only once it is.
  const foresight = taskForesight(governance, task, decision.effect === "require_approval");
  if (foresight.refusals.length) {
    const issues = foresight.refusals.map((r) => ({ path: `${o.at}.${r.path}`, message: r.message }));
    throw new AppError("validation_failed", `the boundary refuses this task before it runs: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, { issues });
  }
  const likely = foresight.warnings.length ? { likelyRefusals: foresight.warnings } : null;

  const requesterLabel = actorLabel(ctx.scope.actor);
  const followUp = o.followUp ? { followUpOfRunId: o.followUp.ofRunId, allowedPaths: o.followUp.allowedPaths } : {};
  const run = await ctx.tx.run.create({
    data: {
      tenantId, taskId: task.id, repositoryId: repo.id, taskClass: task.taskClass, requesterLabel, campaignId: task.campaignId, attempt: o.attempt, ...followUp,
      verifierProfile: verifiers.profile, verifierSteps: verifiers.steps,
    },
  });
  await appendRunEvent(ctx.tx, run, { kind: "transition", toState: "queued", message: o.cause, ...(likely ? { data: likely } : {}) });
  await ctx.audit(o.audit(run.id, governance.sources));

  if (decision.effect === "require_approval") {
    // Risky classes have approval rules of their own (approvals.yaml); any other class is approved like a tool call.
    const approval = await requestApproval(ctx, {
      kind: task.taskClass === "dependency_major_upgrade" || task.taskClass === "ci_workflow_change" ? task.taskClass : "tool_call",
      subjectType: "run", subjectId: run.id, action: "start", title: `Start ${task.taskClass} on ${repo.owner}/${repo.name}`,
      proposal: { repository: `${repo.owner}/${repo.name}`, taskClass: task.taskClass, autonomy, instruction: task.instruction, recipe: task.recipe, attempt: o.attempt, ...likely },
      risk: repo.riskTier === "critical" || repo.riskTier === "regulated" ? "high" : "medium", contextKey: `repository:${repo.id}`, place,
      policyDecision: decision.record?.decision,
    });
    await ctx.tx.run.update({ where: { id: run.id }, data: { state: "awaiting_approval", approvalId: approval.id } });
    await appendRunEvent(ctx.tx, run, { kind: "approval", fromState: "queued", toState: "awaiting_approval", message: `waiting for approval: ${decision.record ? explanationCause(decision.record.decision) : decision.reasons[0]}`, data: { approval: approval.id, rules: decision.rules } });
    return { taskId: task.id, runId: run.id, state: "awaiting_approval" as const, approvalId: approval.id };
  }
  ctx.afterCommit(() => enqueueRun(run.id));
  return { taskId: task.id, runId: run.id, state: "queued" as const, approvalId: null };
}
