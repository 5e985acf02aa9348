// The runs list's view and filters as they live in the URL, and the API query they become. Shared
// by the server render and the browser, so both ask for the same page. Dates are whole UTC days:
// "to" includes its day (the API's `to` is exclusive, so it gets the next midnight).
import { RUN_STATES, TASK_CLASSES } from "./labels";

export type RunView = "open" | "all";
export type RunListFilter = {
  view: RunView; state: string; repositoryId: string; taskClass: string; campaignId: string; requester: string; from: string; to: string; after: string;
};

export const PAGE_SIZE = 25;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const validDay = (v: string) => DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

export function runFilterFrom(params: URLSearchParams): RunListFilter {
  const get = (k: string) => params.get(k) ?? "";
  const state = get("state");
  const taskClass = get("taskClass");
  const requester = get("requester").trim().slice(0, 200);
  return {
    view: get("view") === "all" ? "all" : "open",
    state: (RUN_STATES as string[]).includes(state) ? state : "",
    repositoryId: ID.test(get("repositoryId")) ? get("repositoryId") : "",
    taskClass: (TASK_CLASSES as readonly string[]).includes(taskClass) ? taskClass : "",
    campaignId: ID.test(get("campaignId")) ? get("campaignId") : "",
    requester,
    from: validDay(get("from")) ? get("from") : "",
    to: validDay(get("to")) ? get("to") : "",
    after: ID.test(get("after")) ? get("after") : "",
  };
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();

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

/** The URL's query: the default view and empty filters are left out. */
export function runUrlQuery(f: RunListFilter): Record<string, string | undefined> {
  return {
    view: f.view === "open" ? undefined : f.view, state: f.state || undefined, repositoryId: f.repositoryId || undefined, taskClass: f.taskClass || undefined,
    campaignId: f.campaignId || undefined, requester: f.requester || undefined, from: f.from || undefined, to: f.to || undefined, after: f.after || undefined,
  };
}

export const sameRunFilter = (a: RunListFilter, b: RunListFilter) => JSON.stringify(runUrlQuery(a)) === JSON.stringify(runUrlQuery(b));
export const hasFilters = (f: RunListFilter) => Boolean(f.state || f.repositoryId || f.taskClass || f.campaignId || f.requester || f.from || f.to);
