// A task becomes a queued run. Refused, with the rule or switch named, when the repository is not
// the tenant's, the recipe does not parse, a model agent is asked for where the tenant has no model
// endpoint, the autonomy asked for is above the policy's maximum for this repository and class,
// the class is not allowed, the policy denies run.create, or a kill switch covers it. When the
// policy wants approval first, the run waits for it (awaiting_approval).
import { AppError } from "../http/app-error";
import type { OpContext } from "../http/op-context";
import { coveringSwitches, describeSwitch } from "../killswitch/covering-switches";
import { AUTONOMY_LEVELS } from "../policy/document-schema";
import { effectiveGovernance } from "../policy/effective-governance";
import { requestApproval } from "../approvals/request-approval";
import { parseRecipe } from "../agent/recipe-schema";
import { actorLabel } from "../authz/scope";
import { enqueueRun } from "./run-jobs";
import { appendRunEvent } from "./run-events";
import type { CreateTaskInput } from "./task-input";

const field = (path: string, message: string) => new AppError("validation_failed", `${path}: ${message}`, { issues: [{ path, message }] });

export async function createTask(ctx: OpContext, body: CreateTaskInput) {
  const tenantId = ctx.scope.tenant.id;
  const repo = await ctx.tx.repository.findFirst({ where: { id: body.repositoryId, tenantId }, include: { team: { select: { slug: true } } } });
  if (!repo) throw field("body.repositoryId", "no such repository in this tenant");
  if (body.agent.kind === "recipe") {
    const parsed = parseRecipe(body.agent.recipe);
    if (!parsed.ok) {
      const first = parsed.problems[0]!;
      throw new AppError("validation_failed", `body.agent.recipe: line ${first.line}: ${first.message}`, {
        issues: parsed.problems.map((p) => ({ path: "body.agent.recipe", message: `line ${p.line}: ${p.message}` })), problems: parsed.problems,
      });
    }
  } else if (!(await ctx.tx.modelEndpoint.findUnique({ where: { tenantId }, select: { tenantId: true } }))) {
    throw field("body.agent.kind", `this tenant has no model endpoint, so model agents cannot run here: a tenant admin sets one in Admin → Model endpoint (PUT /api/v1/tenants/${ctx.scope.tenant.slug}/model-endpoint); or use a recipe`);
  }

  const place = { repository: repo.name, ...(repo.team ? { team: repo.team.slug } : {}) };
  const governance = effectiveGovernance(ctx.scope.policy.active, place);
  if (AUTONOMY_LEVELS.indexOf(body.autonomy) > AUTONOMY_LEVELS.indexOf(governance.autonomyMax)) {
    throw field("body.autonomy", `${body.autonomy} is above the maximum for ${repo.owner}/${repo.name} (${governance.autonomyMax}, from ${governance.sources.join(", ")})`);
  }
  if (governance.allowedChangeClasses && !governance.allowedChangeClasses.includes(body.taskClass)) {
    throw field("body.taskClass", `${body.taskClass} is not allowed here (allowed: ${governance.allowedChangeClasses.join(", ")}; from ${governance.sources.join(", ")})`);
  }
  const switches = await coveringSwitches(ctx.tx, { tenantId, repositoryId: repo.id }, "new_runs");
  if (switches.length) throw new AppError("conflict", `no new runs: ${describeSwitch(switches[0]!)}`, { killSwitches: switches.map((s) => s.id) });

  const decision = await ctx.decide("run.create", { kind: "run", repository: repo.name, riskTier: repo.riskTier }, { autonomyLevel: body.autonomy, changeClass: body.taskClass, ...place });
  if (decision.effect === "deny") throw new AppError("forbidden", `the policy denies this run: ${decision.reasons[0] ?? "denied"} (${decision.rules.join(", ") || "no rule allows it"})`);

  const actor = ctx.scope.actor;
  const requesterId = actor.kind === "user" ? actor.id : actor.userId;
  const requesterLabel = actorLabel(actor);
  const task = await ctx.tx.task.create({
    data: {
      tenantId, repositoryId: repo.id, taskClass: body.taskClass, agentKind: body.agent.kind, recipe: body.agent.kind === "recipe" ? body.agent.recipe : null,
      instruction: body.instruction, autonomy: body.autonomy, requesterId, requesterLabel,
    },
  });
  const run = await ctx.tx.run.create({ data: { tenantId, taskId: task.id, repositoryId: repo.id, taskClass: task.taskClass, requesterLabel } });
  await appendRunEvent(ctx.tx, run, { kind: "transition", toState: "queued", message: `created by ${requesterLabel}: ${body.taskClass} on ${repo.owner}/${repo.name}` });
  await ctx.audit({
    action: "task.create", resourceType: "run", resourceId: run.id,
    after: { task: task.id, repository: `${repo.owner}/${repo.name}`, taskClass: task.taskClass, agent: task.agentKind, autonomy: task.autonomy, governance: governance.sources },
  });

  if (decision.effect === "require_approval") {
    // Risky classes have approval rules of their own (approvals.yaml); any other class is approved like a tool call.
    const approval = await requestApproval(ctx, {
      kind: body.taskClass === "dependency_major_upgrade" || body.taskClass === "ci_workflow_change" ? body.taskClass : "tool_call",
      subjectType: "run", subjectId: run.id, action: "start", title: `Start ${body.taskClass} on ${repo.owner}/${repo.name}`,
      proposal: { repository: `${repo.owner}/${repo.name}`, taskClass: body.taskClass, autonomy: body.autonomy, instruction: body.instruction, recipe: task.recipe },
      risk: repo.riskTier === "critical" || repo.riskTier === "regulated" ? "high" : "medium", contextKey: `repository:${repo.id}`, place,
      policyDecision: decision.record?.decision,
    });
    await ctx.tx.run.update({ where: { id: run.id }, data: { state: "awaiting_approval", approvalId: approval.id } });
    await appendRunEvent(ctx.tx, run, { kind: "approval", fromState: "queued", toState: "awaiting_approval", message: `waiting for approval: ${decision.reasons[0] ?? "the policy requires it"}`, data: { approval: approval.id, rules: decision.rules } });
    return { taskId: task.id, runId: run.id, state: "awaiting_approval" as const, approvalId: approval.id };
  }
  ctx.afterCommit(() => enqueueRun(run.id));
  return { taskId: task.id, runId: run.id, state: "queued" as const, approvalId: null };
}
