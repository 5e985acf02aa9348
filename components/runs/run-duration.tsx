"use client";

import { formatDuration, useNow } from "../ui/time";

/** How long a run took, or has been going (ticking while it runs); "—" before it started. */
export function RunDuration({ startedAt, finishedAt, className }: { startedAt: string | null; finishedAt: string | null; className?: string }) {
  const now = useNow(1000);
  if (!startedAt) return <span className={className}>—</span>;
  const end = finishedAt ? Date.parse(finishedAt) : now;
  if (end === null) return <span className={className}>…</span>;
  const ms = end - Date.parse(startedAt);
  // Most runs end within seconds: "0s" would say nothing.
  const text = finishedAt && ms < 10_000 ? `${(Math.max(0, ms) / 1000).toFixed(1)}s` : formatDuration(ms);
  return <span className={className}>{text}{finishedAt ? null : " so far"}</span>;
}
