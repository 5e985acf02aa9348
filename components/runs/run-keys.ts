// Query keys of the runs screens, under the tenant's key like components/api/query-keys.ts:
// invalidating `all` refreshes the list, an open run and the scheduler's state at once.
export const runKeys = {
  all: (t: string) => ["tenant", t, "runs"] as const,
  list: (t: string, filter: object) => ["tenant", t, "runs", "list", filter] as const,
  detail: (t: string, id: string) => ["tenant", t, "runs", "detail", id] as const,
  events: (t: string, id: string) => ["tenant", t, "runs", "events", id] as const,
  patch: (t: string, id: string) => ["tenant", t, "runs", "patch", id] as const,
  scheduler: (t: string) => ["tenant", t, "runs", "scheduler"] as const,
};

/** How often the list and an open run ask again while something may still change. */
export const LIVE_MS = 3_000;
/** How often the timeline of a running run asks for new events. */
export const EVENTS_MS = 1_500;
