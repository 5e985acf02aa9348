"use client";

import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useToast } from "./toast";

/** What every change does once the server accepted it: refetch what it made stale, then say so. */
export function useAfterChange() {
  const qc = useQueryClient();
  const toast = useToast();
  return async (stale: readonly QueryKey[], notice?: string) => {
    // The notice waits for the refetch, so it never announces a change the page does not show yet.
    for (const queryKey of stale) await qc.invalidateQueries({ queryKey });
    if (notice) toast.success(notice);
  };
}
