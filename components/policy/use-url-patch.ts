"use client";

import { useUrlQuery } from "../ui/use-url-query";

type Patch = Record<string, string | undefined | null>;

/** The page's query string, changed one key at a time (the others are kept); the third item is the URL a patch leads to. */
export function useUrlPatch(): [URLSearchParams, (patch: Patch, opts?: { replace?: boolean }) => void, (patch: Patch) => string] {
  const [params, set, href] = useUrlQuery();
  return [params, (patch, opts) => set({ ...Object.fromEntries(params), ...patch }, opts), (patch) => href({ ...Object.fromEntries(params), ...patch })];
}
