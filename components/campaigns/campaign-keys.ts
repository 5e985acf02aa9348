// Query keys of the campaign screens, under the tenant's key like components/api/query-keys.ts.
export const campaignKeys = {
  all: (t: string) => ["tenant", t, "campaigns"] as const,
  list: (t: string, filter: object) => ["tenant", t, "campaigns", "list", filter] as const,
  detail: (t: string, id: string) => ["tenant", t, "campaigns", "detail", id] as const,
  targets: (t: string, id: string, filter: object) => ["tenant", t, "campaigns", "detail", id, "targets", filter] as const,
  changesets: (t: string, id: string, filter: object) => ["tenant", t, "campaigns", "detail", id, "changesets", filter] as const,
};

/** How often the list and a live campaign ask again (runs move on their own). */
export const LIVE_MS = 5_000;
