// What the API and the console show of campaigns: the list's summary, a preview's plan, and a
// campaign with its waves, and a page of its targets.
import { z } from "zod";
import { RUN_STATES } from "../runs/run-view";
import { CAMPAIGN_STATES, WAVE_STATES } from "./campaign-input";
import { ZWaveCost } from "./wave-cost-view";

const ZTeamRef = z.object({ slug: z.string(), name: z.string() }).nullable();

export const ZLoadEstimate = z.object({
  assumption: z.string().describe("the caps used, the review turnaround assumed and the pacing of waves, in words"),
  openDaysPerWeek: z.number().int(),
  openHoursPerDay: z.number(),
  turnaroundDays: z.number().int().describe("open days a PR is assumed to stay open before it merges or closes"),
  rolloutDays: z.number().int().describe("calendar days from the canary's start to the last wave's end, work that waits for the caps included"),
  perTeam: z.array(z.object({
    team: z.string().nullable(), targets: z.number().int(), byWave: z.array(z.number().int()),
    peakPerDay: z.number().int().describe("PRs on the team's busiest open day under the caps"), averagePerDay: z.number(),
    boundBy: z.object({
      kind: z.enum(["tenant_budget", "team_open", "team_review", "wave"]), cap: z.number().int(),
      label: z.string().describe('the cap, as in "bound by awaiting review per team (3)"'),
    }).nullable().describe("the cap that held this team's work back most often; null when none did"),
  })),
});

export const ZPlannedTarget = z.object({
  repositoryId: z.string(),
  fullName: z.string(),
  riskTier: z.string(),
  team: ZTeamRef,
  verifierProfile: z.string(),
  eligible: z.boolean(),
  decision: z.enum(["allow", "require_approval", "deny"]).describe("the policy's campaign.create decision for this target"),
  excludedRule: z.string().nullable().describe("the rule that excluded it: policy/rule, or the governance setting and its document"),
  excludedReason: z.string().nullable(),
  waveIndex: z.number().int().nullable().describe("0 is the canary wave; null when excluded"),
  canaryReason: z.string().nullable(),
});

export const ZPlanSummary = z.object({
  counts: z.object({ targets: z.number().int(), eligible: z.number().int(), excluded: z.number().int() }),
  waves: z.array(z.object({ index: z.number().int(), size: z.number().int() })),
  notes: z.array(z.string()),
  excludedBySpec: z.array(z.string()).describe("repositories the targets matched and the spec's exclude list removed"),
  launchNeedsApproval: z.object({ rules: z.array(z.string()), reasons: z.array(z.string()) }).nullable(),
  estimate: ZLoadEstimate,
});

export const ZCampaignPreview = ZPlanSummary.extend({
  targets: z.array(ZPlannedTarget),
  cost: ZWaveCost.describe("the canary wave's estimated cost against the tenant's and teams' budgets, as launching would check it"),
});

export const ZCampaignSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  state: z.enum(CAMPAIGN_STATES),
  stateReason: z.string().nullable(),
  taskClass: z.string(),
  autonomy: z.string(),
  ownerLabel: z.string(),
  targetCount: z.number().int(),
  eligibleCount: z.number().int(),
  waveCount: z.number().int(),
  launchApprovalId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  launchedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
});
export type CampaignSummary = z.infer<typeof ZCampaignSummary>;

export const ZCampaignWave = z.object({
  index: z.number().int(), plannedSize: z.number().int(), state: z.enum(WAVE_STATES), stateReason: z.string().nullable(),
  startedAt: z.string().nullable(), finishedAt: z.string().nullable(),
});

export const ZCampaignTarget = ZPlannedTarget.omit({ decision: true }).extend({
  taskId: z.string().nullable(),
  admissionError: z.string().nullable().describe("why its run was not admitted at launch (policy, kill switch), when it was not"),
  run: z.object({ id: z.string(), state: z.enum(RUN_STATES) }).nullable().describe("the task's latest run"),
});

export const ZCampaignTargetPage = z.object({
  targets: z.array(ZCampaignTarget),
  total: z.number().int().describe("targets matching the filters, on every page"),
  nextPage: z.number().int().nullable(),
});

/** The targets are paged apart (GET .../targets): a campaign may have thousands. */
export const ZCampaignDetail = ZCampaignSummary.extend({
  spec: z.record(z.string(), z.unknown()),
  specYaml: z.string(),
  waves: z.array(ZCampaignWave),
  estimate: ZLoadEstimate,
});
export type CampaignDetail = z.infer<typeof ZCampaignDetail>;

type Row = {
  id: string; name: string; description: string; state: (typeof CAMPAIGN_STATES)[number]; stateReason: string | null; spec: unknown; ownerLabel: string;
  targetCount: number; eligibleCount: number; waveCount: number; launchApprovalId: string | null; createdAt: Date; updatedAt: Date; launchedAt: Date | null; endedAt: Date | null;
};

export function campaignSummary(c: Row): CampaignSummary {
  const spec = (c.spec ?? {}) as { change?: { taskClass?: string }; autonomy?: string };
  return {
    id: c.id, name: c.name, description: c.description, state: c.state, stateReason: c.stateReason, taskClass: spec.change?.taskClass ?? "", autonomy: spec.autonomy ?? "",
    ownerLabel: c.ownerLabel, targetCount: c.targetCount, eligibleCount: c.eligibleCount, waveCount: c.waveCount, launchApprovalId: c.launchApprovalId,
    createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(), launchedAt: c.launchedAt?.toISOString() ?? null, endedAt: c.endedAt?.toISOString() ?? null,
  };
}
