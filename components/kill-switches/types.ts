// The kill-switch API's shapes as the browser sees them (types only: nothing from server/ runs here).
import type { z } from "zod";
import type { releaseKillSwitchRoute, setKillSwitchRoute } from "@/server/contracts/kill-switches";
import type { KillSwitchView } from "@/server/kill-switches/kill-switch-view";

export type { KillSwitchView };
export type KillSwitchList = { switches: KillSwitchView[] };
export type SetResult = z.infer<(typeof setKillSwitchRoute)["response"]>;
export type ReleaseResult = z.infer<(typeof releaseKillSwitchRoute)["response"]>;
export type KillLevel = KillSwitchView["level"];
export type KillEffect = KillSwitchView["effects"][number];
export type SwitchFilter = "set" | "released" | "all";
