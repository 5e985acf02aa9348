"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback } from "react";

type Query = Record<string, string | undefined | null>;

/**
 * The page's query string as state. Changing it pushes a history entry (so a link and the back
 * button show the same view) without a server round trip: the client fetches through the API.
 * The third item is the URL a query would have, for links that do the same change.
 */
export function useUrlQuery(): [URLSearchParams, (next: Query, opts?: { replace?: boolean }) => void, (next: Query) => string] {
  const params = useSearchParams();
  const pathname = usePathname();
  const href = useCallback((next: Query) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) qs.set(k, v);
    const s = qs.toString();
    return s ? `${pathname}?${s}` : pathname;
  }, [pathname]);
  const set = useCallback((next: Query, opts?: { replace?: boolean }) => {
    if (opts?.replace) window.history.replaceState(null, "", href(next));
    else window.history.pushState(null, "", href(next));
  }, [href]);
  return [new URLSearchParams(params.toString()), set, href];
}
