"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback } from "react";

/**
 * The page's query string as state. Changing it pushes a history entry (so a link and the back
 * button show the same view) without a server round trip: the client fetches through the API.
 */
export function useUrlQuery(): [URLSearchParams, (next: Record<string, string | undefined | null>, opts?: { replace?: boolean }) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const set = useCallback((next: Record<string, string | undefined | null>, opts?: { replace?: boolean }) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) qs.set(k, v);
    const s = qs.toString();
    const url = s ? `${pathname}?${s}` : pathname;
    if (opts?.replace) window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
  }, [pathname]);
  return [new URLSearchParams(params.toString()), set];
}
