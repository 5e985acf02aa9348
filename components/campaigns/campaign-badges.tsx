import { Badge } from "../ui/badge";
import { CAMPAIGN_TONE, campaignStateLabel, WAVE_TONE } from "./labels";
import type { CampaignState, WaveState } from "./types";

export function CampaignStateBadge({ state }: { state: CampaignState }) {
  return <Badge tone={CAMPAIGN_TONE[state]}>{campaignStateLabel(state)}</Badge>;
}

export function WaveStateBadge({ state }: { state: WaveState }) {
  return <Badge tone={WAVE_TONE[state]}>{campaignStateLabel(state)}</Badge>;
}

/** Eligible, or excluded with the rule that excluded it. */
export function EligibilityBadge({ eligible }: { eligible: boolean }) {
  return eligible ? <Badge tone="green">Eligible</Badge> : <Badge tone="red">Excluded</Badge>;
}
