"use client";

import { useQuery } from "@tanstack/react-query";
import type { InstallationDetailView, InstallationView } from "@/server/github/installations/installation-view";
import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";

/** The tenant's installations, each with the repositories mapped to it; starts from what the server rendered. */
export function useInstallations(tenant: string, initial: InstallationDetailView[]) {
  return useQuery({
    queryKey: keys.githubInstallations(tenant),
    queryFn: async ({ signal }) => {
      const { installations } = await api<{ installations: InstallationView[] }>(tenantPath(tenant, "github/installations"), { signal });
      return Promise.all(installations.map((i) => api<InstallationDetailView>(tenantPath(tenant, `github/installations/${i.id}`), { signal })));
    },
    initialData: initial,
  });
}
