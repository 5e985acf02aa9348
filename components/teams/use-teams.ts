"use client";

import { useQuery } from "@tanstack/react-query";
import type { TeamView } from "@/server/teams/team-view";
import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";

/** The tenant's teams, for pickers; starts from what the server rendered. */
export function useTeams(tenant: string, initial: TeamView[]) {
  const q = useQuery({
    queryKey: keys.teams(tenant),
    queryFn: ({ signal }) => api<{ teams: TeamView[] }>(tenantPath(tenant, "teams"), { signal }),
    initialData: { teams: initial },
  });
  return q.data.teams;
}
