// Query keys of the pull request screens, under the tenant's key like components/api/query-keys.ts.
export const changeKeys = {
  all: (t: string) => ["tenant", t, "changesets"] as const,
  list: (t: string, filter: object) => ["tenant", t, "changesets", "list", filter] as const,
  ofRun: (t: string, runId: string) => ["tenant", t, "changesets", "run", runId] as const,
};

/** How often the list and a live pull request ask again (webhooks change them at any time). */
export const LIVE_MS = 5_000;
