// Starting a launched campaign (at once, or once its launch is approved): one task per eligible
// target, and runs for the canary wave only (admit-wave.ts, as every promoted wave's). The other
// waves' tasks wait for promotion (advance-waves.ts).
import { actorLabel } from "../authz/scope";
import type { OpContext } from "../core/op-context";
import { admitWave } from "./admit-wave";
import { storedSpec } from "./read-campaign-spec";
import { moveWaves, transitionCampaign } from "./campaign-transitions";
import { detectionOf, requestDetections } from "./request-detections";

export type StartResult = { tasks: number; canaryRuns: number; refused: number; awaitingApproval: number };

export async function startCampaign(ctx: OpContext, campaignId: string, cause: string): Promise<StartResult | null> {
  const tenantId = ctx.scope.tenant.id;
  const c = await ctx.tx.campaign.findFirstOrThrow({ where: { id: campaignId, tenantId } });
  const { spec } = storedSpec(c.spec, c.specYaml);
  const targets = await ctx.tx.campaignTarget.findMany({
    where: { tenantId, campaignId, eligible: true, taskId: null },
    select: { repositoryId: true, waveIndex: true },
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
      verifierProfile: spec.verifierProfile ?? null, requesterId: actor.kind === "user" ? actor.id : actor.userId, requesterLabel, campaignId,
    })),
  });
  if (tasks.length) {
    await ctx.tx.$executeRaw`
      UPDATE "CampaignTarget" t SET "taskId" = x.task
      FROM unnest(${tasks.map((t) => t.repositoryId)}::text[], ${tasks.map((t) => t.id)}::text[]) AS x(repo, task)
      WHERE t."campaignId" = ${campaignId} AND t."repositoryId" = x.repo`;
  }
  await moveWaves(ctx.tx, campaignId, ["pending"], "running", cause, { index: 0 });
  // The burndown by code's baseline: where each target needs the change at launch.
  if (detectionOf(spec)) await requestDetections(ctx.tx, c, { trigger: "launch", requestedBy: requesterLabel, afterCommit: ctx.afterCommit });
  const canary = await admitWave(ctx, c, 0);
  return { ...result, canaryRuns: canary.runs, refused: canary.refused, awaitingApproval: canary.awaitingApproval };
}
