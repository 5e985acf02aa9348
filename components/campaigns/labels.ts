// How campaign and wave states read and look in the console.
import type { Tone } from "../ui/badge";
import { humanize } from "../ui/humanize";
import type { CampaignState, WaveState } from "./types";

export const CAMPAIGN_STATES: CampaignState[] = ["draft", "awaiting_approval", "running", "paused", "completed", "aborted"];
export const CAMPAIGN_TONE: Record<CampaignState, Tone> = {
  draft: "neutral", awaiting_approval: "amber", running: "sky", paused: "violet", completed: "green", aborted: "red",
};
export const WAVE_TONE: Record<WaveState, Tone> = { pending: "neutral", running: "sky", paused: "violet", done: "green" };
export const campaignStateLabel = (s: string) => (s === "awaiting_approval" ? "Awaiting approval" : humanize(s));
export const waveLabel = (index: number) => (index === 0 ? "Canary" : `Wave ${index}`);
export const isLive = (s: CampaignState) => s === "running" || s === "paused" || s === "awaiting_approval";
