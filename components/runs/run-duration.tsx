"use client";

import { formatDuration, useNow } from "../ui/time";

/** How long a run took, or has been going (ticking while it runs); "—" before it started. */
export function RunDuration({ startedAt, finishedAt, className }: { startedAt: string | null; finishedAt: string | null; className?: string }) {
  const now = useNow(1000);
  if (!startedAt) return <span className={className}>—</span>;
  const end = finishedAt ? Date.parse(finishedAt) : now;
  if (end === null) return <span className={className}>…</span>;
  return <span className={className}>{formatDuration(end - Date.parse(startedAt))}{finishedAt ? null : " so far"}</span>;
}
