// The approvals list's view and filters as they live in the URL, and the API query they become.
// Shared by the server render and the browser, so both ask for the same page.
import { STATES } from "./labels";

export const VIEWS = ["inbox", "mine", "all"] as const;
export type View = (typeof VIEWS)[number];
export type ListFilter = { view: View; state: string; kind: string; after: string };

export const PAGE_SIZE = 25;

export function listFilterFrom(params: URLSearchParams, canSeeAll: boolean): ListFilter {
  const raw = params.get("view");
  const view: View = raw === "mine" || (raw === "all" && canSeeAll) ? raw : "inbox";
  const state = params.get("state") ?? "";
  const kind = params.get("kind") ?? "";
  const after = params.get("after") ?? "";
  return {
    view,
    // The inbox holds pending requests only: a state there would filter nothing.
    state: view !== "inbox" && (STATES as string[]).includes(state) ? state : "",
    kind: /^[a-z0-9_]{1,60}$/.test(kind) ? kind : "",
    after: /^[A-Za-z0-9_-]{1,64}$/.test(after) ? after : "",
  };
}

export function listApiQuery(f: ListFilter): Record<string, string | number> {
  const q: Record<string, string | number> = { view: f.view, limit: PAGE_SIZE };
  if (f.state) q.state = f.state;
  if (f.kind) q.kind = f.kind;
  if (f.after) q.after = f.after;
  return q;
}

/** The URL's query: the default view and empty filters are left out. */
export function listUrlQuery(f: ListFilter): Record<string, string | undefined> {
  return { view: f.view === "inbox" ? undefined : f.view, state: f.state || undefined, kind: f.kind || undefined, after: f.after || undefined };
}

export const sameListFilter = (a: ListFilter, b: ListFilter) => JSON.stringify(listUrlQuery(a)) === JSON.stringify(listUrlQuery(b));
