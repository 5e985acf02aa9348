// The campaigns API's shapes as the browser sees them (types only: nothing from server/ runs here).
import type { z } from "zod";
import type { CampaignDetail, CampaignSummary, ZCampaignPreview, ZPlanSummary } from "@/server/campaigns/campaign-view";
import type { launchCampaignRoute, listCampaignChangesetsRoute, listCampaignsRoute, listCampaignTargetsRoute } from "@/server/contracts/campaigns";
import type { BulkAction, BulkResult, CampaignChangesetRow, RetryFailedResult } from "@/server/campaigns/campaign-changesets-view";

export type { BulkAction, BulkResult, CampaignChangesetRow, CampaignDetail, CampaignSummary, RetryFailedResult };
export type CampaignChangesetPage = z.infer<(typeof listCampaignChangesetsRoute)["response"]>;
export type CampaignTargetPage = z.infer<(typeof listCampaignTargetsRoute)["response"]>;
export type CampaignPage = z.infer<(typeof listCampaignsRoute)["response"]>;
export type CampaignPreview = z.infer<typeof ZCampaignPreview>;
export type PlanSummary = z.infer<typeof ZPlanSummary>;
export type Saved = { campaign: CampaignDetail; plan: PlanSummary };
export type Launched = z.infer<(typeof launchCampaignRoute)["response"]>;
export type CampaignState = CampaignSummary["state"];
export type WaveState = CampaignDetail["waves"][number]["state"];
export type LoadEstimate = PlanSummary["estimate"];
export type TeamOption = { slug: string; name: string };
