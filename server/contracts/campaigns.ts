import { z } from "zod";
import { defineRoute, ZId, ZTenantParam } from "../http/define-route";
import { ZBulkChangesetAction, ZBulkResult, ZCampaignChangesetFilter, ZCampaignChangesetPage, ZRetryFailed, ZRetryFailedResult, BULK_MAX } from "../campaigns/campaign-changesets-view";
import { ZAbortCampaign, ZCampaignBody, ZCampaignFilter, ZCampaignReason, ZCampaignTargetFilter, ZLaunchCampaign } from "../campaigns/campaign-input";
import { ZCampaignDetail, ZCampaignPreview, ZCampaignSummary, ZCampaignTargetPage, ZPlanSummary } from "../campaigns/campaign-view";
import { ZWaveCost } from "../campaigns/wave-cost-view";
import { ZBurndownQuery, ZCampaignBurndown } from "../campaigns/burndown-view";
import { ZCampaignWaves } from "../campaigns/gate-view";

const tenantParams = z.object({ tenant: ZTenantParam });
const campaignParams = z.object({ tenant: ZTenantParam, campaignId: ZId });
const saved = z.object({ campaign: ZCampaignDetail, plan: ZPlanSummary });

export const listCampaignsRoute = defineRoute({
  id: "campaign.list", method: "GET", path: "/api/v1/tenants/{tenant}/campaigns", tag: "campaigns",
  summary: "Campaigns, newest first, filtered by state, owner and part of the name; keyset-paged (after=nextAfter)",
  permission: "campaign.read", params: tenantParams, query: ZCampaignFilter,
  response: z.object({ campaigns: z.array(ZCampaignSummary), nextAfter: z.string().nullable() }),
  example: { query: { limit: "10" } },
});

export const previewCampaignRoute = defineRoute({
  id: "campaign.preview", method: "POST", path: "/api/v1/tenants/{tenant}/campaigns/preview", tag: "campaigns", readOnly: true,
  summary: "What a spec (JSON, or YAML with line and column on problems) would do now, writing nothing (campaign.create is decided as for the caller, so without it every target is excluded): every matched target with its eligibility (campaign.create decided per target; an excluded one names the rule and the policy's reason), the wave it lands in, the canaries and why each was chosen, and the expected PRs per team per day",
  permission: "campaign.read", params: tenantParams, body: ZCampaignBody, response: ZCampaignPreview,
});

export const createCampaignRoute = defineRoute({
  id: "campaign.create", method: "POST", path: "/api/v1/tenants/{tenant}/campaigns", tag: "campaigns", status: 201,
  summary: "Save a campaign as a draft with its plan (targets and waves); a bad spec, an empty or foreign target set, or waves that do not cover every eligible target answer 422 naming the field, and nothing is saved",
  permission: "campaign.create", params: tenantParams, body: ZCampaignBody, response: saved,
});

export const getCampaignRoute = defineRoute({
  id: "campaign.get", method: "GET", path: "/api/v1/tenants/{tenant}/campaigns/{campaignId}", tag: "campaigns",
  summary: "One campaign: its spec (as written and as validated), state, waves and the expected load per team (its targets and changesets are paged apart)",
  permission: "campaign.read", params: campaignParams, response: ZCampaignDetail,
});

export const listCampaignTargetsRoute = defineRoute({
  id: "campaign.targets", method: "GET", path: "/api/v1/tenants/{tenant}/campaigns/{campaignId}/targets", tag: "campaigns",
  summary: "A page of the campaign's targets by wave (excluded ones last), then repository: each with its team, wave, eligibility (or the rule that excluded it), task and latest run; filtered by wave and eligibility (page=nextPage)",
  permission: "campaign.read", params: campaignParams, query: ZCampaignTargetFilter, response: ZCampaignTargetPage,
  example: { query: { limit: "10" } },
});

export const listCampaignChangesetsRoute = defineRoute({
  id: "campaign.changesets", method: "GET", path: "/api/v1/tenants/{tenant}/campaigns/{campaignId}/changesets", tag: "campaigns",
  summary: "The campaign's changeset table: repository, team, wave, state (and why it is held), PR, checks, review, age and the task's latest run; filtered by state, wave, team and held, newest or oldest first, keyset-paged (after=nextAfter), with the total matching",
  permission: "campaign.read", params: campaignParams, query: ZCampaignChangesetFilter, response: ZCampaignChangesetPage,
  example: { query: { limit: "10", sort: "oldest" } },
});

export const bulkCampaignChangesetsRoute = defineRoute({
  id: "campaign.changesets.bulk", method: "POST", path: "/api/v1/tenants/{tenant}/campaigns/{campaignId}/changesets/bulk", tag: "campaigns",
  summary: `A bulk action on up to ${BULK_MAX} of the campaign's changesets: retry (a new attempt where the run or its publication failed), rerun (a new attempt from the current default branch), close (the PR closed, with the comment if given), comment (posted on each PR). Each item answers done, queued (its GitHub write runs as a job) or skipped with the reason; one audit event lists them. retry and rerun need a running or paused campaign, close and comment a launched one (409 saying its state otherwise); ids that are not the campaign's changesets answer 422 naming each, and nothing is done`,
  permission: "campaign.manage", params: campaignParams, body: ZBulkChangesetAction, response: ZBulkResult,
  example: { body: { action: "comment", ids: ["changeset-of-the-api-test"], comment: "a comment from the API test" } },
});

export const retryFailedRoute = defineRoute({
  id: "campaign.retry_failed", method: "POST", path: "/api/v1/tenants/{tenant}/campaigns/{campaignId}/retry-failed", tag: "campaigns",
  summary: `A new attempt of every task of the campaign's started waves whose latest run failed (or whose publication failed), up to ${BULK_MAX} per request (remaining says how many are left); a running or paused campaign only (409 otherwise)`,
  permission: "campaign.manage", params: campaignParams, body: ZRetryFailed, response: ZRetryFailedResult,
  example: { body: { reason: "retried by the API test" } },
});

export const updateCampaignRoute = defineRoute({
  id: "campaign.update", method: "PATCH", path: "/api/v1/tenants/{tenant}/campaigns/{campaignId}", tag: "campaigns",
  summary: "Replace a draft's spec (planned again); anything but a draft answers 409 with its state",
  permission: "campaign.create", params: campaignParams, body: ZCampaignBody, response: saved,
});

export const launchCampaignRoute = defineRoute({
  id: "campaign.launch", method: "POST", path: "/api/v1/tenants/{tenant}/campaigns/{campaignId}/launch", tag: "campaigns",
  summary: "Launch a draft: campaign.create is decided again over the final targets; when the policy wants approval a campaign_launch request is raised (state awaiting_approval), otherwise one task per eligible target is created and the canary wave's runs are admitted (a refused admission is recorded on its target)",
  permission: "campaign.manage", params: campaignParams, body: ZLaunchCampaign,
  response: z.object({
    campaign: ZCampaignDetail, plan: ZPlanSummary, started: z.object({ tasks: z.number().int(), canaryRuns: z.number().int(), refused: z.number().int(), awaitingApproval: z.number().int() }).nullable(),
    cost: ZWaveCost.describe("the canary wave's estimated cost against the budgets covering it (a hard budget without room for it refuses the launch with 409 and this in the error's details)"),
  }),
  example: { body: { note: "launched by the API test" } },
});

export const pauseCampaignRoute = defineRoute({
  id: "campaign.pause", method: "POST", path: "/api/v1/tenants/{tenant}/campaigns/{campaignId}/pause", tag: "campaigns",
  summary: "Pause a running campaign: its queued runs wait, running ones go on (409 in any other state)",
  permission: "campaign.manage", params: campaignParams, body: ZCampaignReason, response: ZCampaignDetail,
  example: { body: { reason: "paused by the API test" } },
});

export const resumeCampaignRoute = defineRoute({
  id: "campaign.resume", method: "POST", path: "/api/v1/tenants/{tenant}/campaigns/{campaignId}/resume", tag: "campaigns",
  summary: "Resume a paused campaign: its waiting runs are queued again (409 in any other state)",
  permission: "campaign.manage", params: campaignParams, body: ZLaunchCampaign, response: ZCampaignDetail,
  example: { body: { note: "resumed by the API test" } },
});

export const abortCampaignRoute = defineRoute({
  id: "campaign.abort", method: "POST", path: "/api/v1/tenants/{tenant}/campaigns/{campaignId}/abort", tag: "campaigns",
  summary: "Abort a campaign that has not ended: a pending launch approval is withdrawn, runs not started end at once, executing ones are stopped by their workers; with closeDrafts its unmerged agent PRs (draft, open, waiting for a person; not one a person committed to) are closed with a comment naming the abort (409 once ended)",
  permission: "campaign.manage", params: campaignParams, body: ZAbortCampaign, response: ZCampaignDetail,
  example: { body: { reason: "aborted by the API test" } },
});

export const campaignBurndownRoute = defineRoute({
  id: "campaign.burndown", method: "GET", path: "/api/v1/tenants/{tenant}/campaigns/{campaignId}/burndown", tag: "campaigns",
  summary: "A campaign's two burndowns over the same points (from its launch to now): its eligible targets by PR state (not started, running, held, PR open, merged, closed, failed), and by code (still needed, done, unknown: what the detection step last said of each target's default branch), with the detection's pending and failed counts",
  permission: "campaign.read", params: campaignParams, query: ZBurndownQuery, response: ZCampaignBurndown,
  example: { query: { points: "30" } },
});

export const detectCampaignRoute = defineRoute({
  id: "campaign.detect", method: "POST", path: "/api/v1/tenants/{tenant}/campaigns/{campaignId}/detect", tag: "campaigns", status: 202,
  summary: "Detect now: run the campaign's detection step (its spec's, else its recipe's) read-only against every eligible target's default branch, in the sandbox; a target already waiting for one keeps it. 409 when the campaign has no detection step or was aborted",
  permission: "campaign.manage", params: campaignParams, body: ZLaunchCampaign, response: z.object({ requested: z.number().int() }),
  example: { body: { note: "detected by the API test" } },
});

export const getCampaignWavesRoute = defineRoute({
  id: "campaign.waves", method: "GET", path: "/api/v1/tenants/{tenant}/campaigns/{campaignId}/waves", tag: "campaigns",
  summary: "A campaign's wave timeline (each wave's targets, outcomes, PRs and state), its gates' values now over the campaign so far (numerator, denominator, threshold, broken, and the runs and changesets counted against each), the soak after the last merge, and the latest gate evaluations kept at the waves' ends",
  permission: "campaign.read", params: campaignParams, response: ZCampaignWaves,
});

export const promoteCampaignRoute = defineRoute({
  id: "campaign.promote", method: "POST", path: "/api/v1/tenants/{tenant}/campaigns/{campaignId}/promote", tag: "campaigns",
  summary: "Promote a running campaign's next wave now, as its check would once the current wave finishes: the gates are evaluated and kept; broken, the campaign pauses naming the gate, its value, threshold and runs; with gates.promotionApproval a campaign_promotion request is raised; otherwise the next wave's runs are admitted (the last wave finished completes the campaign). A campaign not running, a wave not finished, a soak not over or a promotion already waiting for approval answers 409 saying so, and nothing is written",
  permission: "campaign.manage", params: campaignParams, body: ZLaunchCampaign,
  response: z.object({
    campaign: ZCampaignDetail,
    promotion: z.object({
      outcome: z.enum(["not_running", "unfinished", "awaiting_approval", "soaking", "paused", "promoted", "completed"]), message: z.string(),
      cost: ZWaveCost.optional().describe("the next wave's estimated cost against the budgets covering it, once the promotion got that far (a hard budget without room refuses it with 409)"),
    }),
  }),
  example: { body: { note: "promoted by the API test" } },
});
