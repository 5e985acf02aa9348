"use client";

import { formatDateTime } from "../ui/format";
import { formatDuration, useNow } from "../ui/time";

/** How long the PR has been open (from its opening, or its creation when it never opened), stopping when it merged or closed. */
export function ChangeAge({ from, until, className }: { from: string; until: string | null; className?: string }) {
  const now = useNow(30_000);
  const end = until ? Date.parse(until) : now;
  const title = `since ${formatDateTime(from, true)}${until ? `, until ${formatDateTime(until, true)}` : ""}`;
  return (
    <time dateTime={from} title={title} className={className}>
      {end === null ? formatDateTime(from) : formatDuration(end - Date.parse(from))}
    </time>
  );
}
