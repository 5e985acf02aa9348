// The cost dashboard's filters as they live in the URL, and the API query they become. Shared by the
// server render and the browser, so both ask for the same view. `budget` only picks the burn-down to
// show first (a budget alert's link names it); the API never sees it.
import { TASK_CLASSES } from "../runs/labels";
import { day, defineUrlFilter, matching, oneOf, token } from "../ui/url-filter";

export const RANGES = [["7d", "Last 7 days"], ["30d", "Last 30 days"], ["90d", "Last 90 days"], ["month", "This month"], ["last_month", "Last month"], ["custom", "Days of your own"]] as const;
export const GROUPS = [["team", "Team"], ["taskClass", "Task class"], ["campaign", "Campaign"], ["repository", "Repository"], ["model", "Model"], ["kind", "Kind of work"]] as const;
const MAX_DAYS = 366;

export const costFilter = defineUrlFilter({
  range: oneOf(RANGES.map(([r]) => r), "30d"),
  from: day,
  to: day,
  team: matching(/^[a-z0-9][a-z0-9-]{0,39}$/),
  campaign: token,
  repository: token,
  taskClass: oneOf(TASK_CLASSES),
  model: matching(/^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,119}$/),
  groupBy: oneOf(GROUPS.map(([g]) => g), "team"),
  budget: token,
}, (f) => {
  // Days of one's own need both ends, in order, at most a year apart; otherwise the preset applies.
  const span = f.from && f.to ? (Date.parse(f.to) - Date.parse(f.from)) / 86_400_000 + 1 : 0;
  if (f.range !== "custom") return { ...f, from: "", to: "" };
  return span >= 1 && span <= MAX_DAYS ? f : { ...f, range: "30d", from: "", to: "" };
});
export type CostUrlFilter = typeof costFilter.defaults;

/** The API's query: the preset, or from and to; empty values and the UI-only budget left out. */
export function costApiQuery(f: CostUrlFilter): Record<string, string> {
  const { budget: _budget, range, ...rest } = f;
  const q: Record<string, string> = range === "custom" ? rest : { ...rest, range };
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== ""));
}

export type Option = { value: string; label: string };
export type CostOptions = { teams: Option[]; repositories: Option[]; campaigns: Option[]; models: Option[] };
