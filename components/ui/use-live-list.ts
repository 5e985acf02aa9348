"use client";

import { useQuery, type QueryKey } from "@tanstack/react-query";
import { useState } from "react";
import { pageNumber, pageSteps, type PageStep } from "./cursor-trail";
import type { UrlFilter } from "./url-filter";
import { useUrlQuery } from "./use-url-query";

type Filter = Record<string, string>;

export type LiveListOptions<F extends Filter, C, P, T> = {
  filter: UrlFilter<F, C>;
  /** What `filter.parse` needs beyond the URL (the viewer's rights, options from the server). */
  context?: C;
  queryKey: (f: F) => QueryKey;
  fetchPage: (f: F, signal: AbortSignal) => Promise<P>;
  rows: (page: P) => T[];
  /** The filter's key that holds the page cursor, and the next page's cursor in an answer; lists that are not paged leave it out. */
  cursor?: { key: keyof F & string; next: (page: P) => string | number | null };
  /** The server render's page, used while the URL still shows its filter. */
  initial: { filter: F; data: P | null };
  refetchInterval?: number | ((page: P | undefined) => number | false);
  /** Keys whose change starts from the loading state rather than keeping the previous rows (another tab). */
  freshOn?: (keyof F & string)[];
};

export type LiveListStatus = "error" | "loading" | "empty" | "ready";

export type LiveList<F extends Filter, P, T> = {
  filter: F;
  data: P | undefined;
  rows: T[];
  /** error: nothing to show; loading: nothing yet; empty: an answer without rows; ready: rows. */
  status: LiveListStatus;
  error: Error | null;
  /** A refresh failed while earlier rows are still shown. */
  refreshError: Error | null;
  isFetching: boolean;
  updatedAt: number;
  /** Shows another filter from its first page (the URL changes, a history entry is pushed). */
  setFilter: (f: F) => void;
  /** The URL of another filter's first page, for links that switch it (tabs). */
  hrefFor: (f: F) => string;
  /** For CursorPager: each is undefined when there is no such page. */
  paging: { onFirst?: () => void; onPrev?: () => void; onNext?: () => void };
  /** The page's number counted from where the view started paging; null on a first page. */
  page: number | null;
};

/**
 * A list whose filter lives in the URL (a link or a reload shows the same view), paged on the
 * server by cursor, kept live by TanStack Query. The previous rows stay while the next page or
 * filter loads, except across the `freshOn` keys.
 */
export function useLiveList<F extends Filter, C, P, T>(o: LiveListOptions<F, C, P, T>): LiveList<F, P, T> {
  const [params, setParams, hrefOf] = useUrlQuery();
  const filter = o.filter.parse(params, o.context as C);
  const [trail, setTrail] = useState<string[]>([]);
  const interval = o.refetchInterval;
  const query = useQuery({
    queryKey: o.queryKey(filter),
    queryFn: ({ signal }) => o.fetchPage(filter, signal),
    initialData: o.initial.data && o.filter.same(filter, o.initial.filter) ? o.initial.data : undefined,
    meta: { filter },
    placeholderData: (prev, prevQuery) => {
      const before = prevQuery?.meta?.filter as F | undefined;
      return before && (o.freshOn ?? []).every((k) => before[k] === filter[k]) ? prev : undefined;
    },
    refetchInterval: typeof interval === "function" ? (q) => interval(q.state.data) : interval,
  });

  const withCursor = (f: F, cursor: string): F => (o.cursor ? { ...f, [o.cursor.key]: cursor } : f);
  // Keys of other lists on the same page stay as they are: each list owns only its filter's keys.
  const urlQuery = (f: F) => ({ ...Object.fromEntries(params), ...o.filter.query(f) });
  const setFilter = (f: F) => {
    setTrail([]);
    setParams(urlQuery(withCursor(f, "")));
  };
  const cursor = o.cursor ? filter[o.cursor.key]! : "";
  const data = query.data;
  const next = data && o.cursor ? o.cursor.next(data) : null;
  const steps = pageSteps(trail, cursor, next === null ? null : String(next));
  const go = (step: PageStep | undefined) => step && (() => {
    setTrail(step.trail);
    setParams(urlQuery(withCursor(filter, step.cursor)));
  });
  const rows = data ? o.rows(data) : [];

  return {
    filter,
    data,
    rows,
    status: query.isError && !data ? "error" : !data ? "loading" : rows.length ? "ready" : "empty",
    error: query.error,
    refreshError: query.isError && data ? query.error : null,
    isFetching: query.isFetching,
    updatedAt: query.dataUpdatedAt,
    setFilter,
    hrefFor: (f) => hrefOf(urlQuery(withCursor(f, ""))),
    paging: { onFirst: go(steps.first), onPrev: go(steps.prev), onNext: go(steps.next) },
    page: pageNumber(trail, cursor),
  };
}
