// The PR-storm dashboard's filters as they live in the URL, and the API query they become. Shared by
// the server render and the browser, so both ask for the same view.
import { defineUrlFilter, matching, oneOf, token } from "../ui/url-filter";

export const RANGES = [["24h", "Last 24 hours"], ["7d", "Last 7 days"], ["30d", "Last 30 days"], ["90d", "Last 90 days"]] as const;
export const STALE_DAYS = ["3", "7", "14", "30"] as const;

export const stormFilter = defineUrlFilter({
  range: oneOf(RANGES.map(([r]) => r), "7d"),
  team: matching(/^[a-z0-9][a-z0-9-]{0,39}$/),
  repository: token,
  campaign: token,
  staleDays: oneOf(STALE_DAYS, "7"),
});
export type StormFilter = typeof stormFilter.defaults;

export function stormApiQuery(f: StormFilter): Record<string, string> {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== ""));
}

export type Option = { value: string; label: string };
export type StormOptions = { teams: Option[]; repositories: Option[]; campaigns: Option[] };
