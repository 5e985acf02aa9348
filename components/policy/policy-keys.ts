// Query keys of the policy screens, under the tenant's key like components/api/query-keys.ts.
export const policyKeys = {
  all: (t: string) => ["tenant", t, "policies"] as const,
  list: (t: string) => ["tenant", t, "policies", "list"] as const,
  detail: (t: string, id: string) => ["tenant", t, "policies", "doc", id] as const,
  version: (t: string, id: string, n: number) => ["tenant", t, "policies", "doc", id, "version", n] as const,
  preview: (t: string, body: object) => ["tenant", t, "policies", "preview", body] as const,
  blast: (t: string, body: object) => ["tenant", t, "policies", "blast", body] as const,
  disagreements: (t: string, policy: string) => ["tenant", t, "policies", "disagreements", policy] as const,
};
