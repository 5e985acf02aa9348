// The approvals list's view and filters as they live in the URL, and the API query they become.
// Shared by the server render and the browser, so both ask for the same page.
import { defineUrlFilter, matching, oneOf, token } from "../ui/url-filter";
import { STATES } from "./labels";

export const VIEWS = ["inbox", "mine", "all"] as const;
export type View = (typeof VIEWS)[number];

export const PAGE_SIZE = 25;

/** The context is whether the viewer oversees the tenant: only then is All a view. */
export const approvalFilter = defineUrlFilter(
  { view: oneOf(VIEWS, "inbox"), state: oneOf(STATES), kind: matching(/^[a-z0-9_]{1,60}$/), after: token },
  (f, canSeeAll: boolean) => {
    const view = f.view === "all" && !canSeeAll ? "inbox" : f.view;
    // The inbox holds pending requests only: a state there would filter nothing.
    return { ...f, view, state: view === "inbox" ? "" : f.state };
  },
);
export type ListFilter = typeof approvalFilter.defaults;

export function listApiQuery(f: ListFilter): Record<string, string | number> {
  const q: Record<string, string | number> = { view: f.view, limit: PAGE_SIZE };
  if (f.state) q.state = f.state;
  if (f.kind) q.kind = f.kind;
  if (f.after) q.after = f.after;
  return q;
}
