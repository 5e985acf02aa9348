// One place for TanStack Query keys, so a mutation invalidates exactly what it changed.
export const keys = {
  tenant: (t: string) => ["tenant", t] as const,
  members: (t: string, filter?: object) => (filter ? (["tenant", t, "members", filter] as const) : (["tenant", t, "members"] as const)),
  teams: (t: string) => ["tenant", t, "teams"] as const,
  repositories: (t: string, filter?: object) => (filter ? (["tenant", t, "repositories", filter] as const) : (["tenant", t, "repositories"] as const)),
  invitations: (t: string) => ["tenant", t, "invitations"] as const,
  tokens: (t: string) => ["tenant", t, "tokens"] as const,
  audit: (t: string, filter?: object) => (filter ? (["tenant", t, "audit", filter] as const) : (["tenant", t, "audit"] as const)),
  githubInstallations: (t: string) => ["tenant", t, "github", "installations"] as const,
  githubHealth: (t: string) => ["tenant", t, "github", "webhook-health"] as const,
  mySessions: () => ["me", "sessions"] as const,
};
