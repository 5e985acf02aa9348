// What the campaigns routes accept: a spec as JSON (the console's form) or as YAML text (the API's
// other way in), the list's filters, the reasons of pause, resume and abort, and the targets' page.
import { z } from "zod";
import { ZCampaignSpec } from "./campaign-spec";

export const CAMPAIGN_STATES = ["draft", "awaiting_approval", "running", "paused", "completed", "aborted"] as const;
export const WAVE_STATES = ["pending", "running", "paused", "done"] as const;

export const ZCampaignBody = z.strictObject({
  spec: ZCampaignSpec.optional().describe("the spec as JSON (the console's form)"),
  yaml: z.string().min(1, "the YAML is empty").max(60_000).optional().describe("the spec as YAML; problems are reported with their line and column"),
}).superRefine((b, ctx) => {
  if (!!b.spec === !!b.yaml) ctx.addIssue({ code: "custom", path: b.spec ? ["yaml"] : [], message: "send the spec either as spec (JSON) or as yaml (text), exactly one" });
});
export type CampaignBody = z.infer<typeof ZCampaignBody>;

export const ZCampaignFilter = z.strictObject({
  state: z.enum(CAMPAIGN_STATES).optional(),
  owner: z.string().trim().min(1).max(200).optional().describe("the owner's e-mail (or token label)"),
  q: z.string().trim().min(1).max(100).optional().describe("part of the name"),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  after: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional().describe("continue after this campaign id (nextAfter)"),
});
export type CampaignFilter = z.infer<typeof ZCampaignFilter>;

const ZReason = z.string().trim().min(3, "say why (at least 3 characters)").max(500);
export const ZCampaignReason = z.strictObject({ reason: ZReason });
export const ZAbortCampaign = z.strictObject({
  reason: ZReason,
  closeDrafts: z.boolean().default(false).describe("close the campaign's unmerged agent PRs (draft or open, not one a person committed to) with a comment naming the abort"),
});

export const ZCampaignTargetFilter = z.strictObject({
  wave: z.coerce.number().int().min(0).max(99).optional().describe("0 is the canary wave"),
  eligibility: z.enum(["eligible", "excluded"]).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type CampaignTargetFilter = z.infer<typeof ZCampaignTargetFilter>;
export const ZLaunchCampaign = z.strictObject({ note: z.string().trim().max(500).optional() });
