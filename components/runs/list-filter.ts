// The runs list's view and filters as they live in the URL, and the API query they become. Shared
// by the server render and the browser, so both ask for the same page. Dates are whole UTC days:
// "to" includes its day (the API's `to` is exclusive, so it gets the next midnight).
import { day, defineUrlFilter, oneOf, text, token } from "../ui/url-filter";
import { RUN_STATES, TASK_CLASSES } from "./labels";

export const runFilter = defineUrlFilter({
  view: oneOf(["open", "all"], "open"),
  state: oneOf(RUN_STATES),
  repositoryId: token,
  taskClass: oneOf(TASK_CLASSES),
  campaignId: token,
  requester: text(200),
  from: day,
  to: day,
  after: token,
});
export type RunListFilter = typeof runFilter.defaults;
export type RunView = RunListFilter["view"];

export const PAGE_SIZE = 25;

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString();

export function runApiQuery(f: RunListFilter): Record<string, string | number> {
  const q: Record<string, string | number> = { view: f.view, limit: PAGE_SIZE };
  if (f.state) q.state = f.state;
  if (f.repositoryId) q.repositoryId = f.repositoryId;
  if (f.taskClass) q.taskClass = f.taskClass;
  if (f.campaignId) q.campaignId = f.campaignId;
  if (f.requester) q.requester = f.requester;
  if (f.from) q.from = `${f.from}T00:00:00Z`;
  if (f.to) q.to = nextDay(f.to);
  if (f.after) q.after = f.after;
  return q;
}

export const hasFilters = (f: RunListFilter) => Boolean(f.state || f.repositoryId || f.taskClass || f.campaignId || f.requester || f.from || f.to);
