// One campaign with its spec, waves and targets (each with its repository, team, wave, eligibility,
// task and latest run), and the load its plan puts on each team. Another tenant's answers 404.
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { ZCampaignSpec } from "./campaign-spec";
import { campaignSummary, type CampaignDetail } from "./campaign-view";
import { estimateLoad } from "./estimate-load";

export async function getCampaign(ctx: OpContext, campaignId: string): Promise<CampaignDetail> {
  const tenantId = ctx.scope.tenant.id;
  const c = await ctx.tx.campaign.findFirst({ where: { id: campaignId, tenantId }, include: { waves: { orderBy: { index: "asc" } } } });
  if (!c) throw new AppError("not_found", "campaign not found");
  const targets = await ctx.tx.campaignTarget.findMany({
    where: { tenantId, campaignId: c.id },
    include: { repository: { select: { owner: true, name: true, riskTier: true, verifierProfile: true, team: { select: { slug: true, name: true } } } } },
  });
  const taskIds = targets.flatMap((t) => (t.taskId ? [t.taskId] : []));
  const runs = taskIds.length
    ? await ctx.tx.run.findMany({ where: { tenantId, taskId: { in: taskIds } }, distinct: ["taskId"], orderBy: [{ taskId: "asc" }, { queuedAt: "desc" }], select: { id: true, taskId: true, state: true } })
    : [];
  const runOf = new Map(runs.map((r) => [r.taskId, { id: r.id, state: r.state }]));
  const views = targets.map((t) => ({
    repositoryId: t.repositoryId, fullName: `${t.repository.owner}/${t.repository.name}`, riskTier: t.repository.riskTier, team: t.repository.team,
    verifierProfile: t.repository.verifierProfile, eligible: t.eligible, excludedRule: t.excludedRule, excludedReason: t.excludedReason,
    waveIndex: t.waveIndex, canaryReason: t.canaryReason, taskId: t.taskId, admissionError: t.admissionError, run: t.taskId ? runOf.get(t.taskId) ?? null : null,
  })).sort((a, b) => (a.waveIndex ?? Infinity) - (b.waveIndex ?? Infinity) || a.fullName.localeCompare(b.fullName));
  const spec = ZCampaignSpec.safeParse(c.spec);
  const eligible = views.filter((t) => t.eligible && t.waveIndex !== null);
  return {
    ...campaignSummary(c), spec: c.spec as Record<string, unknown>, specYaml: c.specYaml,
    waves: c.waves.map((w) => ({
      index: w.index, plannedSize: w.plannedSize, state: w.state, stateReason: w.stateReason,
      startedAt: w.startedAt?.toISOString() ?? null, finishedAt: w.finishedAt?.toISOString() ?? null,
    })),
    targets: views,
    estimate: estimateLoad(eligible.map((t) => ({ team: t.team?.slug ?? null, waveIndex: t.waveIndex! })), c.waves.length, spec.data?.schedule, spec.data?.gates?.soakMinutes),
  };
}
