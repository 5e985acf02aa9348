// Query keys of the approvals screens, under the tenant's key like components/api/query-keys.ts:
// invalidating `all` refreshes the lists, the open request and the navigation's count at once.
export const approvalKeys = {
  all: (t: string) => ["tenant", t, "approvals"] as const,
  list: (t: string, filter: object) => ["tenant", t, "approvals", "list", filter] as const,
  counts: (t: string) => ["tenant", t, "approvals", "counts"] as const,
  detail: (t: string, id: string) => ["tenant", t, "approvals", "detail", id] as const,
};

/** How often open screens ask again, so others' votes show without a reload. */
export const LIVE_MS = 4_000;
/** The navigation's count is cheaper to be late on. */
export const COUNTS_MS = 15_000;
