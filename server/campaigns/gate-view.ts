// What the API and the console show of a campaign's waves and gates: each wave's progress (the
// timeline), the gates' current values against their thresholds, the soak, and the evaluations kept
// at each wave's end. Schemas only, importable by the contracts and the browser.
import { z } from "zod";
import { GATE_RATES } from "./campaign-spec";
import { WAVE_STATES } from "./campaign-input";

export const GATE_OUTCOMES = ["passed", "broken", "soaking", "overridden"] as const;

export const ZGateResult = z.object({
  gate: z.enum(GATE_RATES),
  threshold: z.number().nullable().describe("from the spec's gates; null: shown, never broken"),
  value: z.number().nullable().describe("numerator / denominator; null when the denominator is 0"),
  numerator: z.number().int(),
  denominator: z.number().int(),
  broken: z.boolean().describe("value above the threshold"),
  runs: z.array(z.string()).describe("the runs counted against it (the changesets' runs for PR gates), at most 100"),
  changesets: z.array(z.string()).describe("the changesets counted against it (PR gates), at most 100"),
});
export type GateResult = z.infer<typeof ZGateResult>;

export const ZSoakState = z.object({
  minutes: z.number().int().nullable(),
  lastMergeAt: z.string().nullable(),
  until: z.string().nullable().describe("no promotion before then: the last merge plus the soak"),
  waiting: z.boolean(),
});
export type SoakState = z.infer<typeof ZSoakState>;

export const ZGateEvaluation = z.object({
  id: z.string(),
  waveIndex: z.number().int().describe("the wave that had finished"),
  trigger: z.string().describe("wave_finished, resume, promote, approval"),
  outcome: z.enum(GATE_OUTCOMES),
  gates: z.array(ZGateResult),
  lastMergeAt: z.string().nullable(),
  soakUntil: z.string().nullable(),
  result: z.string().describe("what followed, in a sentence"),
  actorLabel: z.string(),
  evaluatedAt: z.string(),
});
export type GateEvaluationView = z.infer<typeof ZGateEvaluation>;

export const ZWaveProgress = z.object({
  index: z.number().int(),
  plannedSize: z.number().int(),
  state: z.enum(WAVE_STATES),
  stateReason: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  targets: z.number().int(),
  finished: z.number().int().describe("targets with a final outcome: a run ended (and its PR opened or ended), or an admission refused"),
  succeeded: z.number().int(),
  failed: z.number().int(),
  active: z.number().int().describe("runs queued, running or awaiting approval"),
  refused: z.number().int().describe("targets whose run was not admitted"),
  prsOpen: z.number().int(),
  merged: z.number().int(),
  closed: z.number().int(),
  waitingToPublish: z.number().int().describe("succeeded runs whose PR is not opened yet (publishing, held, awaiting approval)"),
  waitingForChecks: z.number().int().describe("open PRs whose checks have not completed (pending, or none reported in the 10 minutes after the PR opened)"),
});
export type WaveProgress = z.infer<typeof ZWaveProgress>;

export const ZCampaignWaves = z.object({
  waves: z.array(ZWaveProgress),
  gates: z.array(ZGateResult).describe("the gates' values now, over the campaign so far"),
  soak: ZSoakState,
  promotionApprovalId: z.string().nullable(),
  evaluations: z.array(ZGateEvaluation).describe("the latest evaluations, newest first (at most 20)"),
});
export type CampaignWaves = z.infer<typeof ZCampaignWaves>;
