// The waves and gates API's shapes as the browser sees them (types only).
import type { z } from "zod";
import type { promoteCampaignRoute } from "@/server/contracts/campaigns";
import type { CampaignWaves, GateEvaluationView, GateResult, SoakState, WaveProgress } from "@/server/campaigns/gate-view";

export type { CampaignWaves, GateEvaluationView, GateResult, SoakState, WaveProgress };
export type Promoted = z.infer<(typeof promoteCampaignRoute)["response"]>;
