"use client";

import { Clock } from "lucide-react";
import { cn } from "./cn";
import { formatDateTime } from "./format";
import { formatAgo, formatDuration, URGENT_MS, useNow } from "./time";

/** A live countdown to a pending request's expiry; red in its last ten minutes. */
export function TimeLeft({ expiresAt, className }: { expiresAt: string; className?: string }) {
  const now = useNow();
  const left = now === null ? null : new Date(expiresAt).getTime() - now;
  const urgent = left !== null && left < URGENT_MS;
  return (
    <time
      dateTime={expiresAt}
      title={`Expires ${formatDateTime(expiresAt, true)}`}
      className={cn("inline-flex items-center gap-1 tabular-nums whitespace-nowrap", urgent ? "font-semibold text-red-700" : "text-slate-800", className)}
    >
      <Clock aria-hidden="true" className="size-3.5 shrink-0" />
      {left === null ? formatDateTime(expiresAt) : left <= 0 ? "expired" : `${formatDuration(left)} left`}
    </time>
  );
}

/** "Updated just now", quietly, so a person knows the screen follows others' votes by itself. */
export function UpdatedAgo({ at, fetching }: { at: number; fetching?: boolean }) {
  const now = useNow(5000);
  if (!at) return null;
  return (
    <span className="text-xs text-slate-600" data-testid="updated-ago">
      {fetching ? "Updating…" : `Updated ${now === null ? "just now" : formatAgo(now - at)}`}
    </span>
  );
}
