"use client";

import { ChevronLeft, ChevronRight, ChevronsLeft } from "lucide-react";
import { Button } from "./button";

/**
 * Keyset paging: the API gives only the cursor of the next page, so "back" walks the trail of
 * cursors this view followed, and a page opened from a link can always return to the first page.
 */
export function CursorPager({ label, summary, onFirst, onPrev, onNext, labels }: {
  label: string; summary?: string; onFirst?: () => void; onPrev?: () => void; onNext?: () => void;
  labels?: { first: string; prev: string; next: string };
}) {
  const l = labels ?? { first: "First page", prev: "Previous", next: "Next" };
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-2">
      <p className="text-xs text-slate-600">{summary}</p>
      <div className="flex gap-1.5">
        {onFirst && !onPrev ? (
          <Button size="sm" onClick={onFirst}>
            <ChevronsLeft aria-hidden="true" className="size-3.5" />
            {l.first}
          </Button>
        ) : null}
        <Button size="sm" onClick={onPrev} disabled={!onPrev}>
          <ChevronLeft aria-hidden="true" className="size-3.5" />
          {l.prev}
        </Button>
        <Button size="sm" onClick={onNext} disabled={!onNext}>
          {l.next}
          <ChevronRight aria-hidden="true" className="size-3.5" />
        </Button>
      </div>
    </nav>
  );
}
