// The pull requests list's filters as they live in the URL, and the API query they become. Shared by
// the server render and the browser, so both ask for the same page.
import { AUTONOMY_LEVELS, TASK_CLASSES } from "../runs/labels";
import { defineUrlFilter, oneOf, token } from "../ui/url-filter";
import { CHANGESET_STATES, CHECKS_STATES, REVIEW_STATES, RISK_LEVELS } from "./labels";

export const changeFilter = defineUrlFilter({
  state: oneOf(CHANGESET_STATES),
  repositoryId: token,
  taskClass: oneOf(TASK_CLASSES),
  mode: oneOf(AUTONOMY_LEVELS),
  riskLevel: oneOf(RISK_LEVELS),
  reviewState: oneOf(REVIEW_STATES),
  checksState: oneOf(CHECKS_STATES),
  campaignId: token,
  after: token,
});
export type ChangeListFilter = typeof changeFilter.defaults;

export const PAGE_SIZE = 25;

export function changeApiQuery(f: ChangeListFilter): Record<string, string | number> {
  const q: Record<string, string | number> = { limit: PAGE_SIZE };
  for (const [k, v] of Object.entries(f)) if (v) q[k] = v;
  return q;
}

export const hasFilters = (f: ChangeListFilter) => Object.entries(f).some(([k, v]) => k !== "after" && v !== "");
