// Starting a launched campaign (at once, or once its launch is approved): one task per eligible
// target, and runs for the canary wave only, each admitted like any task's (autonomy within the
// maximum, class allowed, kill switches, the policy's run.create). A refused admission is recorded
// on its target and the campaign goes on; the other waves' tasks wait for promotion.
import { actorLabel, type Scope } from "../authz/scope";
import { inSavepoint } from "../core/in-savepoint";
import { queuedDecide, type OpContext } from "../core/op-context";
import { recordDecisions, type DecisionToRecord } from "../policy/record-decision";
import { admitRun } from "../runs/admit-run";
import { storedSpec } from "./read-campaign-spec";
import { moveWaves, transitionCampaign } from "./campaign-transitions";

export type StartResult = { tasks: number; canaryRuns: number; refused: number; awaitingApproval: number };

export async function startCampaign(ctx: OpContext, campaignId: string, cause: string): Promise<StartResult | null> {
  const tenantId = ctx.scope.tenant.id;
  const c = await ctx.tx.campaign.findFirstOrThrow({ where: { id: campaignId, tenantId } });
  const { spec } = storedSpec(c.spec, c.specYaml);
  const targets = await ctx.tx.campaignTarget.findMany({
    where: { tenantId, campaignId, eligible: true, taskId: null },
    include: { repository: { select: { id: true, owner: true, name: true, riskTier: true, verifierProfile: true, team: { select: { slug: true } } } } },
    orderBy: [{ waveIndex: "asc" }, { id: "asc" }],
  });
  const result: StartResult = { tasks: targets.length, canaryRuns: 0, refused: 0, awaitingApproval: 0 };
  const moved = await transitionCampaign(ctx.tx, campaignId, {
    to: "running", cause, action: "campaign.launch", audit: ctx.audit, data: { tasks: targets.length, canary: targets.filter((t) => t.waveIndex === 0).length },
  });
  if (!moved) return null;

  const actor = ctx.scope.actor;
  const requesterLabel = actorLabel(actor);
  const tasks = await ctx.tx.task.createManyAndReturn({
    data: targets.map((t) => ({
      tenantId, repositoryId: t.repositoryId, taskClass: spec.change.taskClass, agentKind: spec.change.agent.kind,
      recipe: spec.change.agent.kind === "recipe" ? spec.change.agent.recipe : null, instruction: spec.change.instruction, autonomy: spec.autonomy,
      requesterId: actor.kind === "user" ? actor.id : actor.userId, requesterLabel, campaignId,
    })),
  });
  const taskOf = new Map(tasks.map((t) => [t.repositoryId, t]));
  if (tasks.length) {
    await ctx.tx.$executeRaw`
      UPDATE "CampaignTarget" t SET "taskId" = x.task
      FROM unnest(${tasks.map((t) => t.repositoryId)}::text[], ${tasks.map((t) => t.id)}::text[]) AS x(repo, task)
      WHERE t."campaignId" = ${campaignId} AND t."repositoryId" = x.repo`;
  }
  await moveWaves(ctx.tx, campaignId, ["pending"], "running", cause, { index: 0 });

  // A campaign's runs are started by its launch: campaign.manage is what allows them, so the launcher
  // needs no run.create of their own. Everything else about admission is as for any task.
  const scope: Scope = { ...ctx.scope, permissions: new Set([...ctx.scope.permissions, "run.create"]) };
  const decisions: DecisionToRecord[] = [];
  const launched: OpContext = { ...ctx, scope, decide: queuedDecide(scope, decisions) };
  for (const target of targets.filter((t) => t.waveIndex === 0)) {
    const task = taskOf.get(target.repositoryId)!;
    // The campaign's verifier profile, where it names one, stands for the repository's.
    const repo = { ...target.repository, verifierProfile: spec.verifierProfile ?? target.repository.verifierProfile };
    const admitted = await inSavepoint(launched, (inner) => admitRun(inner, task, repo, {
      attempt: 1, at: "task", cause: `canary of campaign ${c.name}: ${task.taskClass} on ${repo.owner}/${repo.name}`,
      audit: (runId, governance) => ({
        action: "task.create", resourceType: "run", resourceId: runId,
        after: { task: task.id, campaign: campaignId, wave: 0, repository: `${repo.owner}/${repo.name}`, taskClass: task.taskClass, agent: task.agentKind, autonomy: task.autonomy, governance },
      }),
    }));
    if (admitted.ok) {
      result.canaryRuns++;
      if (admitted.value.state === "awaiting_approval") result.awaitingApproval++;
    } else {
      result.refused++;
      await ctx.tx.campaignTarget.update({ where: { id: target.id }, data: { admissionError: admitted.message.slice(0, 1000) } });
    }
  }
  // Kept whether the admission went through or not: a refusal's decision is evidence too.
  await recordDecisions(ctx.tx, tenantId, decisions);
  return result;
}
