"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, tenantPath } from "../api/api-client";
import { notificationKeys } from "./types";

/** Marks one's own notifications read ({ ids } or { all: true }) and refreshes the bell and lists. */
export function useMarkRead(tenant: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) =>
      api<{ updated: number; unread: number }>(tenantPath(tenant, "notifications/read"), { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationKeys.all(tenant) }),
  });
}
