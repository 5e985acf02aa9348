"use client";

import { useUrlQuery } from "../ui/use-url-query";

/** The page's query string, changed one key at a time (the others are kept). */
export function useUrlPatch(): [URLSearchParams, (patch: Record<string, string | undefined | null>, opts?: { replace?: boolean }) => void] {
  const [params, set] = useUrlQuery();
  return [params, (patch, opts) => set({ ...Object.fromEntries(params), ...patch }, opts)];
}
