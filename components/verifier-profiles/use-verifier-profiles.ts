"use client";

import { useQuery } from "@tanstack/react-query";
import { api, tenantPath } from "../api/api-client";
import { profileKeys, type VerifierProfileView } from "./types";

/** The tenant's verifier profiles, for pickers; starts from what the server rendered. */
export function useVerifierProfiles(tenant: string, initial: VerifierProfileView[]) {
  const q = useQuery({
    queryKey: profileKeys.all(tenant),
    queryFn: ({ signal }) => api<{ profiles: VerifierProfileView[] }>(tenantPath(tenant, "verifier-profiles"), { signal }),
    initialData: { profiles: initial },
  });
  return q.data.profiles;
}
