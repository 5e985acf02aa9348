"use client";

import type { ReactNode } from "react";
import { errorMessage } from "../api/api-error";
import { Alert } from "./alert";
import { TableSkeleton } from "./skeleton";
import type { LiveList } from "./use-live-list";

/**
 * A live list's states in one place: the error when nothing could be loaded, a skeleton while
 * nothing is there yet, the empty state, then the rows (`children`), above them a warning when a
 * refresh failed and the rows shown are the earlier ones.
 */
export function LiveListBody<P>({ list, errorTitle, errorBody, loadingLabel, skeletonRows, empty, children }: {
  list: Pick<LiveList<Record<string, string>, P, unknown>, "status" | "data" | "error" | "refreshError">;
  errorTitle: string;
  /** Instead of the error's message. */
  errorBody?: ReactNode;
  loadingLabel: string;
  skeletonRows?: number;
  /** An EmptyState, shown in the list's frame. */
  empty: ReactNode;
  children: (data: P) => ReactNode;
}) {
  if (list.status === "error") return <Alert tone="error" title={errorTitle}>{errorBody ?? errorMessage(list.error)}</Alert>;
  if (list.status === "loading" || list.data === undefined) return <TableSkeleton label={loadingLabel} rows={skeletonRows} />;
  if (list.status === "empty") return <div className="rounded-lg border border-slate-200 bg-white">{empty}</div>;
  return (
    <>
      {list.refreshError ? <Alert tone="warning" className="mb-2">Could not refresh: {errorMessage(list.refreshError)} Showing what was loaded before.</Alert> : null}
      {children(list.data)}
    </>
  );
}
