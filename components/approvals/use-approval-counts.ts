"use client";

import { useQuery } from "@tanstack/react-query";
import { api, tenantPath } from "../api/api-client";
import { approvalKeys, COUNTS_MS } from "./approval-keys";
import type { ApprovalCounts } from "./types";

/** What waits for me and how many of mine are pending; the navigation and the tabs share one poll. */
export function useApprovalCounts(tenant: string, enabled = true) {
  return useQuery({
    queryKey: approvalKeys.counts(tenant),
    queryFn: ({ signal }) => api<ApprovalCounts>(tenantPath(tenant, "approvals/counts"), { signal }),
    refetchInterval: COUNTS_MS,
    staleTime: 5_000,
    enabled,
  });
}
