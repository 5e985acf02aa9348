// A campaign's spec: what one change is, where it goes, in which waves, behind which gates, when and
// how fast. The same schema reads the console's form (JSON) and YAML sent through the API. Strict:
// a key nobody reads is a mistake to report. A recipe is checked as one by read-campaign-spec.ts;
// checks that need the fleet (targets that exist, waves that cover every eligible target) are the
// plan's (plan-campaign.ts).
//
//   name: lodash-4-17-21
//   change: { taskClass: dependency_patch_minor, instruction: Raise lodash to 4.17.21, agent: { kind: model } }
//   targets: { teams: [payments], riskTiers: [low, standard], exclude: [acme/legacy-billing] }
//   autonomy: draft_pr
//   waves: { canary: 2, sizes: ["50%", "100%"] }
import { z } from "zod";
import { AUTONOMY_LEVELS } from "../policy/document-schema";
import { RISK_TIERS } from "../repositories/repository-view";
import { ZDetection } from "../runs/detection-schema";
import { TASK_CLASSES } from "../runs/task-input";
import { ZTeamSlug } from "../teams/team-view";
import { validTimeZone, windowProblem } from "./schedule-window";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const GATE_RATES = ["runFailureRate", "verifierFailureRate", "ciFailureRate", "closedWithoutMergeRate", "revertRate", "reviewVetoRate"] as const;

const positive = (what: string) => z.int(`${what} must be a whole number`).min(1, `${what} must be at least 1`);
const ZFullName = z.string().trim().regex(/^[A-Za-z0-9._-]{1,100}\/[A-Za-z0-9._-]{1,100}$/, "must be owner/name");
const ZRate = z.number().min(0, "a rate is between 0 and 1").max(1, "a rate is between 0 and 1");

export const ZCampaignChange = z.strictObject({
  taskClass: z.enum(TASK_CLASSES),
  /** What the agent should do, in words (for a recipe, what the recipe is for). */
  instruction: z.string().trim().min(1, "say what the agent should do").max(4000),
  agent: z.discriminatedUnion("kind", [
    // Checked as a recipe by read-campaign-spec.ts (this file stays a schema the contracts can load).
    z.strictObject({ kind: z.literal("recipe"), recipe: z.string().min(1, "the recipe is empty").max(50_000) }),
    z.strictObject({ kind: z.literal("model") }),
  ]),
});

/** Filters (teams, riskTiers, namePattern) narrow together; explicit repositories are added; exclusions removed. */
export const ZTargets = z.strictObject({
  teams: z.array(ZTeamSlug).min(1).max(200).optional(),
  riskTiers: z.array(z.enum(RISK_TIERS)).min(1).max(RISK_TIERS.length).optional(),
  /** A glob over owner/name when it has a "/", over the name otherwise: "*" and "?", "**" across "/". */
  namePattern: z.string().trim().min(1).max(200).optional(),
  repositories: z.array(ZFullName).min(1).max(5000).optional(),
  exclude: z.array(ZFullName).max(5000).optional(),
}).refine((t) => t.teams || t.riskTiers || t.namePattern || t.repositories, "choose targets: teams, riskTiers, namePattern or repositories");

/** A wave's size: a count, or "N%" of every eligible target (canary included). */
const SIZE_FORM = 'a wave size is a count or a percentage such as "25%"';
export const ZWaveSize = z.union([z.int(), z.string()], { error: SIZE_FORM }).superRefine((v, ctx) => {
  const problem = typeof v === "number" ? (v < 1 ? "a wave size must be at least 1" : null)
    : !/^\d{1,3}%$/.test(v) ? SIZE_FORM : Number(v.slice(0, -1)) < 1 || Number(v.slice(0, -1)) > 100 ? "a percentage is between 1% and 100%" : null;
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
export const ZWaves = z.strictObject({
  canary: positive("the canary wave's size"),
  sizes: z.array(ZWaveSize).max(50, "at most 50 waves after the canary").default([]),
});

/** Between waves, evaluated over the campaign so far (stored now; evaluated once waves are promoted). */
export const ZGates = z.strictObject({
  ...Object.fromEntries(GATE_RATES.map((g) => [g, ZRate.optional()])) as Record<(typeof GATE_RATES)[number], z.ZodOptional<typeof ZRate>>,
  soakMinutes: z.int().min(0).max(10_080, "at most a week (10080 minutes)").optional(),
  promotionApproval: z.boolean().optional(),
});

const ZClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time of day such as "09:00"');
export const ZWindow = z.strictObject({
  days: z.array(z.enum(WEEKDAYS)).max(7),
  start: ZClock,
  end: ZClock,
}).superRefine((w, ctx) => {
  const problem = windowProblem(w);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
export const ZSchedule = z.strictObject({
  timezone: z.string().min(1).max(64).refine(validTimeZone, "must be an IANA time zone such as Europe/Berlin"),
  windows: z.array(ZWindow).min(1, "give at least one window, or leave the schedule out to run at any time").max(20),
});

export const ZCaps = z.strictObject({
  prsPerHour: z.strictObject({ rate: positive("prsPerHour.rate"), burst: positive("prsPerHour.burst") }).optional(),
  openPerTeam: positive("openPerTeam").optional(),
  awaitingReviewPerTeam: positive("awaitingReviewPerTeam").optional(),
  perRepository: positive("perRepository").optional(),
  perWave: positive("perWave").optional(),
  /** A security fix: its PRs skip the hourly budgets (the tenant's and prsPerHour), never the other caps. */
  securityFix: z.boolean().optional(),
});

export const ZCampaignSpec = z.strictObject({
  name: z.string().trim().min(1, "give the campaign a name").max(100).refine((n) => !/[\0-\x1f]/.test(n), "one line of text"),
  description: z.string().trim().max(2000).default(""),
  change: ZCampaignChange,
  /** Read-only: finds where the change is still needed (server/campaigns/run-detection.ts); a recipe may declare one instead. */
  detection: ZDetection.optional(),
  targets: ZTargets,
  /** The most any of its runs may do; the policy's maximum still applies per repository. */
  autonomy: z.enum(AUTONOMY_LEVELS).default("draft_pr"),
  /** A verifier profile's name (checked against the tenant's profiles once they are data). */
  verifierProfile: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, "must be a profile name: lowercase letters, digits, '-' and '_'").optional(),
  waves: ZWaves,
  gates: ZGates.optional(),
  schedule: ZSchedule.optional(),
  caps: ZCaps.optional(),
});
export type CampaignSpec = z.output<typeof ZCampaignSpec>;
export type WaveSize = z.output<typeof ZWaveSize>;
export type Weekday = (typeof WEEKDAYS)[number];
