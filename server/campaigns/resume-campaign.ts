// Resuming a paused campaign: its waves run again and its waiting runs go back to the queue at once.
// After a gate broke at the end of its current wave, the gates are evaluated again. Passing, the
// wave's check promotes the next wave. Still broken, the resume is allowed and says so: the owner has
// seen the gate (its value and runs) and decided, so the evaluation is kept as an override and the
// next wave is promoted over those gates; the waves after it are gated afresh. A campaign paused for
// another reason is never promoted over a gate its owner was not shown: its check pauses it on the
// gate first.
import { actorLabel } from "../authz/scope";
import type { OpContext } from "../core/op-context";
import { enqueueRun } from "../runs/run-jobs";
import { lockCampaign, moveWaves, transitionCampaign, wrongState } from "./campaign-transitions";
import { describeGate, evaluateGates } from "./evaluate-gates";
import { getCampaign } from "./get-campaign";
import { storedSpec } from "./read-campaign-spec";
import { lastVerdict, recordGateEvaluation } from "./record-gate-evaluation";
import { enqueueWaveCheck } from "./wave-jobs";
import { waveProgress } from "./wave-progress";

export async function resumeCampaign(ctx: OpContext, campaignId: string, body: { note?: string }) {
  const c = await lockCampaign(ctx, campaignId);
  if (c.state !== "paused") throw wrongState(c.state, "only a paused campaign can be resumed");
  const who = actorLabel(ctx.scope.actor);
  let cause = `resumed by ${who}${body.note ? `: ${body.note}` : ""}`;
  const current = await ctx.tx.campaignWave.findFirst({ where: { campaignId: c.id, state: "paused" }, orderBy: { index: "desc" } });
  const progress = current && (await waveProgress(ctx.tx, c.tenantId, c.id, current.index)).get(current.index);
  let evaluation: string | null = null;
  if (current && (!progress || progress.finished === progress.targets) && (await lastVerdict(ctx.tx, c.id, current.index)) === "broken") {
    const ev = await evaluateGates(ctx.tx, c.tenantId, c.id, storedSpec(c.spec, c.specYaml).spec);
    if (ev.broken.length) {
      cause += `; gates still broken: ${ev.broken.map(describeGate).join("; ")}; the next wave is promoted over them on ${who}'s decision`;
      evaluation = await recordGateEvaluation(ctx.tx, { tenantId: c.tenantId, campaignId: c.id, waveIndex: current.index, trigger: "resume", outcome: "overridden", evaluation: ev, result: cause, actorLabel: who });
    }
  }
  await transitionCampaign(ctx.tx, c.id, { to: "running", cause, action: "campaign.resume", audit: ctx.audit, ...(evaluation ? { data: { evaluation, overridden: true } } : {}) });
  await moveWaves(ctx.tx, c.id, ["paused"], "running", cause);
  const waiting = await ctx.tx.run.findMany({ where: { tenantId: c.tenantId, campaignId: c.id, state: "queued" }, select: { id: true }, orderBy: { queuedAt: "asc" } });
  const round = Date.now();
  ctx.afterCommit(async () => {
    for (const r of waiting) await enqueueRun(r.id, `campaign-resumed-${round}`);
    await enqueueWaveCheck(c.id);
  });
  return getCampaign(ctx, c.id);
}
