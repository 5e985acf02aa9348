// Admitting a wave's runs: one run for each of its targets' tasks, each admitted like any task's
// (autonomy within the maximum, class allowed, kill switches, the policy's run.create). The canary
// wave at launch and every wave promoted after it go through here. A refused admission is recorded
// on its target and the wave goes on; it counts as that target's outcome.
import type { Scope } from "../authz/scope";
import { inSavepoint } from "../core/in-savepoint";
import { queuedDecide, type OpContext } from "../core/op-context";
import { recordDecisions, type DecisionToRecord } from "../policy/record-decision";
import { admitRun } from "../runs/admit-run";

export type WaveAdmission = { runs: number; refused: number; awaitingApproval: number };

export async function admitWave(ctx: OpContext, c: { id: string; name: string }, waveIndex: number): Promise<WaveAdmission> {
  const tenantId = ctx.scope.tenant.id;
  const targets = await ctx.tx.campaignTarget.findMany({
    where: { tenantId, campaignId: c.id, eligible: true, waveIndex, taskId: { not: null } },
    include: { repository: { select: { id: true, owner: true, name: true, riskTier: true, verifierProfile: true, team: { select: { slug: true } } } } },
    orderBy: { id: "asc" },
  });
  const tasks = new Map((await ctx.tx.task.findMany({ where: { tenantId, id: { in: targets.map((t) => t.taskId!) } } })).map((t) => [t.id, t]));
  // A campaign's runs are started by its launch: campaign.manage is what allows them, so the launcher
  // needs no run.create of their own. Everything else about admission is as for any task.
  const scope: Scope = { ...ctx.scope, permissions: new Set([...ctx.scope.permissions, "run.create"]) };
  const decisions: DecisionToRecord[] = [];
  const launched: OpContext = { ...ctx, scope, decide: queuedDecide(scope, decisions) };
  const result: WaveAdmission = { runs: 0, refused: 0, awaitingApproval: 0 };
  const which = waveIndex === 0 ? "canary" : `wave ${waveIndex}`;
  for (const target of targets) {
    const task = tasks.get(target.taskId!)!;
    const repo = target.repository;
    const admitted = await inSavepoint(launched, (inner) => admitRun(inner, task, repo, {
      attempt: 1, at: "task", cause: `${which} of campaign ${c.name}: ${task.taskClass} on ${repo.owner}/${repo.name}`,
      audit: (runId, governance) => ({
        action: "task.create", resourceType: "run", resourceId: runId,
        after: { task: task.id, campaign: c.id, wave: waveIndex, repository: `${repo.owner}/${repo.name}`, taskClass: task.taskClass, agent: task.agentKind, autonomy: task.autonomy, governance },
      }),
    }));
    if (admitted.ok) {
      result.runs++;
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
