// What happens when a running campaign's current wave may have finished: nothing until every target
// in it has a final outcome (wave-progress.ts); then the gates over the campaign so far
// (evaluate-gates.ts), kept as an evaluation. A broken gate pauses the campaign naming the gate, its
// value, its threshold and the runs behind it, unless the owner's resume already let this wave go
// over it; a soak not over yet waits (a check is asked for when it ends); a promotion that needs
// approval raises a campaign_promotion request; otherwise the next wave runs, its runs admitted as
// the canary's were (admit-wave.ts). Before either, the next wave's estimated cost is checked
// against the budgets covering it (wave-cost.ts): a hard one without room for the whole wave stops
// the promotion (a pause, or a person's 409); a soft one's warning joins the message. The last wave finished completes the campaign.
// Called in the caller's transaction with the campaign row locked: by the waves' check (the
// system), a person's promotion (strict: what cannot happen now is a 409 and nothing is written),
// and an approved promotion.
import { requestApproval } from "../approvals/request-approval";
import { AppError } from "../core/app-error";
import type { AuditRecord, OpContext } from "../core/op-context";
import type { Tx } from "../db/client";
import type { Campaign } from "../db/generated/client";
import { admitWave } from "./admit-wave";
import { moveWaves, transitionCampaign } from "./campaign-transitions";
import { describeGate, evaluateGates, type GateEvaluation } from "./evaluate-gates";
import { storedSpec } from "./read-campaign-spec";
import { lastVerdict, recordGateEvaluation } from "./record-gate-evaluation";
import { enqueueSoakCheck, enqueueWaveCheck } from "./wave-jobs";
import { waveProgress } from "./wave-progress";
import { waveCost } from "./wave-cost";
import type { WaveCost } from "./wave-cost-view";

export type WaveTrigger = "wave_finished" | "promote" | "approval";

export type WaveDriver = {
  tx: Tx;
  /** Who evaluates, as the evaluation records it. */
  label: string;
  /** How the campaign's own changes are audited (a person's ctx.audit, or as the system). */
  audit: (e: AuditRecord) => Promise<void>;
  /** The context runs are admitted and approvals asked in, or why there is none. */
  acting: () => Promise<OpContext | { refused: string }>;
  afterCommit: (fn: () => Promise<unknown>) => void;
  /** A person asked: what cannot happen now is refused (409), with nothing written. */
  strict?: boolean;
  /** A person's words for it, kept with the promotion. */
  note?: string;
};

export type AdvanceOutcome = "not_running" | "unfinished" | "awaiting_approval" | "soaking" | "paused" | "promoted" | "completed";
/** cost: the next wave's check against the budgets, once the promotion got that far. */
export type Advance = { outcome: AdvanceOutcome; message: string; cost?: WaveCost };

const waveName = (i: number) => (i === 0 ? "the canary wave" : `wave ${i}`);

export async function advanceWaves(d: WaveDriver, c: Campaign, trigger: WaveTrigger, o: { approvalId?: string } = {}): Promise<Advance> {
  const refuse = (message: string, outcome: AdvanceOutcome): Advance => {
    if (d.strict) throw new AppError("conflict", message, { state: c.state });
    return { outcome, message };
  };
  if (c.state !== "running") return refuse(`the campaign is ${c.state.replace("_", " ")}: only a running campaign's next wave can be promoted`, "not_running");
  const waves = await d.tx.campaignWave.findMany({ where: { campaignId: c.id }, orderBy: { index: "asc" } });
  const current = waves.filter((w) => w.state === "running").at(-1);
  if (!current) return refuse("the campaign has no wave running", "not_running");
  const progress = (await waveProgress(d.tx, c.tenantId, c.id, current.index)).get(current.index);
  if (progress && progress.finished < progress.targets) {
    return refuse(`${waveName(current.index)} is not finished: ${progress.finished} of ${progress.targets} targets have a final outcome`, "unfinished");
  }
  if (c.promotionApprovalId && trigger !== "approval") {
    return refuse(`the promotion after ${waveName(current.index)} waits for approval (request ${c.promotionApprovalId})`, "awaiting_approval");
  }
  const { spec } = storedSpec(c.spec, c.specYaml);
  const ev = await evaluateGates(d.tx, c.tenantId, c.id, spec);
  const record = (outcome: "passed" | "broken" | "soaking" | "overridden", result: string) =>
    recordGateEvaluation(d.tx, { tenantId: c.tenantId, campaignId: c.id, waveIndex: current.index, trigger, outcome, evaluation: ev, result, actorLabel: d.label });
  const next = waves.find((w) => w.index === current.index + 1);

  if (!next) {
    const cause = `every wave has finished (${waves.length})${ev.broken.length ? `; at the end ${ev.broken.map(describeGate).join("; ")}` : ""}`;
    const evaluation = await record(ev.broken.length ? "broken" : "passed", "the campaign completed");
    await transitionCampaign(d.tx, c.id, { to: "completed", cause, action: "campaign.complete", audit: d.audit, data: { evaluation, wave: current.index }, set: { promotionApprovalId: null } });
    await moveWaves(d.tx, c.id, ["running"], "done", "finished", { index: current.index });
    return { outcome: "completed", message: cause };
  }

  // The owner's resume after this wave's break lets it be promoted over the gates broken then.
  const overridden = ev.broken.length > 0 && (await lastVerdict(d.tx, c.id, current.index)) === "overridden";
  if (ev.broken.length && !overridden) return pauseOnGates(d, c, current.index, ev, record);
  if (ev.soak.waiting) {
    const until = ev.soak.until!;
    const message = `the soak is not over: ${waveName(next.index)} is promoted no sooner than ${until} (${ev.soak.minutes} minutes after the last merge at ${ev.soak.lastMergeAt})`;
    if (d.strict) throw new AppError("conflict", message, { state: c.state, soakUntil: until });
    const last = await d.tx.campaignGateEvaluation.findFirst({ where: { campaignId: c.id, waveIndex: current.index }, orderBy: [{ evaluatedAt: "desc" }, { id: "desc" }], select: { outcome: true, soakUntil: true } });
    // The sweep asks again every minute: a soak already recorded until the same time is not recorded again.
    if (last?.outcome !== "soaking" || last.soakUntil?.toISOString() !== until) await record("soaking", message);
    d.afterCommit(() => enqueueSoakCheck(c.id, new Date(until)));
    return { outcome: "soaking", message };
  }

  // The next wave against the budgets covering it: a hard one that cannot pay for all its runs
  // stops the promotion (a person's is a 409; the check pauses the campaign, saying why).
  const cost = await nextWaveCost(d.tx, c, spec.change.taskClass, next.index);
  if (cost.refused) {
    const why = `${waveName(next.index)} cannot be promoted: ${cost.sentence}`;
    if (d.strict) throw new AppError("conflict", why, { state: c.state, cost });
    const evaluation = await record(overridden ? "overridden" : "passed", `paused: ${cost.sentence}`);
    await transitionCampaign(d.tx, c.id, { to: "paused", cause: why, action: "campaign.pause", audit: d.audit, data: { evaluation, budgets: cost.budgets.filter((b) => b.mode === "hard" && b.affordableRuns !== null && b.affordableRuns < b.runs).map((b) => b.budgetId) } });
    await moveWaves(d.tx, c.id, ["running"], "paused", why);
    return { outcome: "paused", message: why, cost };
  }
  const warning = cost.warnings.length ? `; budget warning: ${cost.warnings.join("; ")}` : "";

  const acting = await d.acting();
  if ("refused" in acting) {
    const cause = `${waveName(next.index)} cannot be promoted: ${acting.refused}`;
    const evaluation = await record(overridden ? "overridden" : "passed", `paused: ${acting.refused}`);
    await transitionCampaign(d.tx, c.id, { to: "paused", cause, action: "campaign.pause", audit: d.audit, data: { evaluation } });
    await moveWaves(d.tx, c.id, ["running"], "paused", cause);
    return { outcome: "paused", message: cause };
  }
  const over = overridden ? ` over ${ev.broken.map(describeGate).join("; ")}, as the owner's resume allowed` : "";
  if (spec.gates?.promotionApproval && trigger !== "approval") {
    const approval = await requestApproval(acting, {
      kind: "campaign_promotion", subjectType: "campaign", subjectId: c.id, action: "promote",
      title: `Promote campaign ${c.name} to ${waveName(next.index)} (${next.plannedSize} repositories)`.slice(0, 200),
      proposal: { campaign: c.name, finishedWave: current.index, nextWave: next.index, nextWaveSize: next.plannedSize, waves: waves.length, gates: ev.gates.map((g) => ({ gate: g.gate, value: g.value, threshold: g.threshold, numerator: g.numerator, denominator: g.denominator, broken: g.broken })), overridden },
      risk: overridden ? "high" : "medium", contextKey: `campaign:${c.id}`, place: { campaign: c.id },
    });
    const message = `${waveName(current.index)} finished and the gates passed${over}; promoting ${waveName(next.index)} waits for approval (request ${approval.id})${warning}`;
    const evaluation = await record(overridden ? "overridden" : "passed", message);
    await d.tx.campaign.update({ where: { id: c.id }, data: { promotionApprovalId: approval.id, stateReason: message } });
    await d.audit({ action: "campaign.promotion_request", resourceType: "campaign", resourceId: c.id, after: { approval: approval.id, wave: next.index, evaluation } });
    return { outcome: "awaiting_approval", message, cost };
  }

  const asked = trigger === "promote" ? `; promoted by ${d.label}${d.note ? `: ${d.note}` : ""}` : o.approvalId ? ` (promotion approved, request ${o.approvalId})` : "";
  const cause = `${waveName(current.index)} finished and the gates passed${over}${asked}`;
  await moveWaves(d.tx, c.id, ["running"], "done", cause, { index: current.index });
  await moveWaves(d.tx, c.id, ["pending"], "running", cause, { index: next.index });
  const admitted = await admitWave(acting, c, next.index);
  const message = `${waveName(next.index)} of ${waves.length - 1} is running: ${admitted.runs} runs admitted${admitted.refused ? `, ${admitted.refused} refused` : ""}; ${cause}${warning}`;
  const evaluation = await record(overridden ? "overridden" : "passed", message);
  await d.tx.campaign.update({ where: { id: c.id }, data: { promotionApprovalId: null, stateReason: message } });
  await d.audit({
    action: "campaign.promote", resourceType: "campaign", resourceId: c.id,
    before: { wave: current.index }, after: { wave: next.index, runs: admitted.runs, refused: admitted.refused, evaluation, ...(o.approvalId ? { approval: o.approvalId } : {}), ...(overridden ? { overridden: ev.broken.map((g) => g.gate) } : {}) },
  });
  // A wave whose every admission was refused is finished at once: its check promotes the next.
  d.afterCommit(() => enqueueWaveCheck(c.id));
  return { outcome: "promoted", message, cost };
}

async function nextWaveCost(tx: Tx, c: Campaign, taskClass: string, waveIndex: number): Promise<WaveCost> {
  const targets = await tx.campaignTarget.findMany({ where: { tenantId: c.tenantId, campaignId: c.id, waveIndex, eligible: true, taskId: { not: null } }, select: { repositoryId: true } });
  return waveCost(tx, { tenantId: c.tenantId, campaignId: c.id, taskClass, wave: waveIndex, repositoryIds: targets.map((t) => t.repositoryId) });
}

async function pauseOnGates(d: WaveDriver, c: Campaign, waveIndex: number, ev: GateEvaluation, record: (o: "broken", r: string) => Promise<string>): Promise<Advance> {
  const cause = `stopped by its gates after ${waveName(waveIndex)}: ${ev.broken.map(describeGate).join("; ")}`;
  const evaluation = await record("broken", `paused: ${cause}`);
  await transitionCampaign(d.tx, c.id, {
    to: "paused", cause, action: "campaign.gate_broken", audit: d.audit,
    data: { evaluation, wave: waveIndex, broken: ev.broken.map((g) => ({ gate: g.gate, value: g.value, threshold: g.threshold, numerator: g.numerator, denominator: g.denominator, runs: g.runs, changesets: g.changesets })) },
  });
  await moveWaves(d.tx, c.id, ["running"], "paused", cause);
  return { outcome: "paused", message: cause };
}
