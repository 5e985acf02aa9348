// A campaign's wave timeline (each wave's progress), its gates' values now against their thresholds,
// the soak, and the latest evaluations kept at the waves' ends. Another tenant's answers 404.
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { ZCampaignSpec } from "./campaign-spec";
import { evaluateGates } from "./evaluate-gates";
import type { CampaignWaves, GateResult } from "./gate-view";
import { waveProgress } from "./wave-progress";

const EVALUATIONS = 20;

export async function getCampaignWaves(ctx: OpContext, campaignId: string): Promise<CampaignWaves> {
  const tenantId = ctx.scope.tenant.id;
  const c = await ctx.tx.campaign.findFirst({ where: { id: campaignId, tenantId }, include: { waves: { orderBy: { index: "asc" } } } });
  if (!c) throw new AppError("not_found", "campaign not found");
  const spec = ZCampaignSpec.safeParse(c.spec);
  const progress = await waveProgress(ctx.tx, tenantId, c.id);
  const ev = await evaluateGates(ctx.tx, tenantId, c.id, { gates: spec.data?.gates });
  const evaluations = await ctx.tx.campaignGateEvaluation.findMany({ where: { tenantId, campaignId: c.id }, orderBy: [{ evaluatedAt: "desc" }, { id: "desc" }], take: EVALUATIONS });
  const none = { targets: 0, finished: 0, succeeded: 0, failed: 0, active: 0, refused: 0, prsOpen: 0, merged: 0, closed: 0, waitingToPublish: 0, waitingForChecks: 0 };
  return {
    waves: c.waves.map((w) => ({
      ...none, ...progress.get(w.index),
      index: w.index, plannedSize: w.plannedSize, state: w.state, stateReason: w.stateReason,
      startedAt: w.startedAt?.toISOString() ?? null, finishedAt: w.finishedAt?.toISOString() ?? null,
    })),
    gates: ev.gates, soak: ev.soak, promotionApprovalId: c.promotionApprovalId,
    evaluations: evaluations.map((e) => ({
      id: e.id, waveIndex: e.waveIndex, trigger: e.trigger, outcome: e.outcome as CampaignWaves["evaluations"][number]["outcome"], gates: e.gates as GateResult[],
      lastMergeAt: e.lastMergeAt?.toISOString() ?? null, soakUntil: e.soakUntil?.toISOString() ?? null, result: e.result, actorLabel: e.actorLabel, evaluatedAt: e.evaluatedAt.toISOString(),
    })),
  };
}
