// The approvals consumer for subject type "campaign": a launch (apply-campaign-launch.ts) or a wave
// promotion (apply-wave-promotion.ts), by the request's action.
import type { ApprovalConsumer } from "../approvals/consumer";
import { applyCampaignLaunch } from "./apply-campaign-launch";
import { applyWavePromotion } from "./apply-wave-promotion";

const BY_ACTION: Readonly<Record<string, ApprovalConsumer>> = { launch: applyCampaignLaunch, promote: applyWavePromotion };

export const applyCampaignApproval: ApprovalConsumer = async (tx, request) =>
  BY_ACTION[request.action]?.(tx, request) ?? `nothing to do: a campaign has no ${request.action} to approve`;
