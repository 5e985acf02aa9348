import { defineUrlFilter, oneOf } from "../ui/url-filter";
import type { KillEffect, KillLevel, SwitchFilter } from "./types";

/** The panel's view, from the URL (?state=released|all; set by default). */
export const switchFilter = defineUrlFilter({ state: oneOf<SwitchFilter, "set">(["set", "released", "all"], "set") });

export const LEVEL_LABELS: Record<KillLevel, string> = { global: "Global", tenant: "Tenant-wide", campaign: "Campaign", repository: "Repository", capability: "Capability" };
export const EFFECT_LABELS: Record<KillEffect, { label: string; description: string }> = {
  new_runs: { label: "No new runs", description: "Tasks are refused and queued runs do not start" },
  running: { label: "Stop running runs", description: "Waiting runs end at once; executing ones within a few seconds" },
  pr_creation: { label: "No pull requests", description: "Runs may finish, but no PR is opened" },
  close_drafts: { label: "Close draft PRs", description: "Agent draft PRs it covers are closed, with a comment saying why" },
};
export const CAPABILITY_LABELS: Record<string, { label: string; description: string }> = {
  shell_network: { label: "Shell network", description: "Shell commands that reach the network (curl, npm install, git fetch…) are refused" },
  shell: { label: "Shell", description: "No shell command runs" },
  file_write: { label: "File writes", description: "Agents may read files but write none" },
};
export const KILL_EFFECTS: KillEffect[] = ["new_runs", "running", "pr_creation", "close_drafts"];
export const CAPABILITIES = Object.keys(CAPABILITY_LABELS);
