// A task becomes a queued run. Refused, with the rule or switch named, when the repository is not
// the tenant's, the recipe does not parse, a model agent is asked for where the tenant has no model
// endpoint, the autonomy asked for is above the policy's maximum for this repository and class,
// the class is not allowed, the policy denies run.create, or a kill switch covers it. When the
// policy wants approval first, the run waits for it (awaiting_approval). A refusal rolls the task back.
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { parseRecipe } from "./recipe-schema";
import { actorLabel } from "../authz/scope";
import { admitRun, field } from "./admit-run";
import type { CreateTaskInput } from "./task-input";

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

  const actor = ctx.scope.actor;
  const requesterLabel = actorLabel(actor);
  const task = await ctx.tx.task.create({
    data: {
      tenantId, repositoryId: repo.id, taskClass: body.taskClass, agentKind: body.agent.kind, recipe: body.agent.kind === "recipe" ? body.agent.recipe : null,
      instruction: body.instruction, autonomy: body.autonomy, requesterId: actor.kind === "user" ? actor.id : actor.userId, requesterLabel,
    },
  });
  return admitRun(ctx, task, repo, {
    attempt: 1, at: "body", cause: `created by ${requesterLabel}: ${body.taskClass} on ${repo.owner}/${repo.name}`,
    audit: (runId, governance) => ({
      action: "task.create", resourceType: "run", resourceId: runId,
      after: { task: task.id, repository: `${repo.owner}/${repo.name}`, taskClass: task.taskClass, agent: task.agentKind, autonomy: task.autonomy, governance },
    }),
  });
}
