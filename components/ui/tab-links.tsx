"use client";

import Link from "next/link";
import type { KeyboardEvent, MouseEvent, ReactNode } from "react";
import { cn } from "./cn";

export type TabLink<Id extends string = string> = {
  id: Id;
  label: string;
  /** The tab's own URL: a path, or the page with its filter in the query. */
  href: string;
  /** A number beside the label (hidden when undefined), with words after it for what it counts. */
  count?: number;
  countLabel?: { text: string; visible?: boolean };
};

const MOVES: Record<string, (i: number, n: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

const plainClick = (e: MouseEvent) => e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;

/**
 * The console's tabs. Each tab is a link with its own URL, so a link or a reload shows the same
 * view; the current one carries aria-current. With `onSelect`, a plain click switches in place
 * (the page changes its URL itself, without a server round trip) while a click with a modifier
 * opens the link as usual. Tab reaches every tab; the arrow keys, Home and End move between them.
 */
export function TabLinks<Id extends string>({ label, tabs, current, onSelect, aside }: {
  label: string;
  tabs: TabLink<Id>[];
  current: Id;
  onSelect?: (id: Id) => void;
  /** Shown at the end of the tab bar (an action on the whole view). */
  aside?: ReactNode;
}) {
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const move = MOVES[e.key];
    const links = [...e.currentTarget.querySelectorAll("a")];
    const at = links.findIndex((a) => a === document.activeElement);
    if (!move || at < 0) return;
    e.preventDefault();
    links[move(at, links.length)]!.focus();
  };
  return (
    <div className="mb-4 flex items-end justify-between gap-3 border-b border-slate-200">
      <nav aria-label={label}>
        <ul className="-mb-px flex flex-wrap gap-5" onKeyDown={onKeyDown}>
          {tabs.map((t) => (
            <li key={t.id}>
              <Link
                href={t.href}
                prefetch={onSelect ? false : undefined}
                aria-current={t.id === current ? "page" : undefined}
                onClick={onSelect ? (e) => { if (plainClick(e)) { e.preventDefault(); onSelect(t.id); } } : undefined}
                className={cn(
                  "inline-flex items-center gap-1.5 border-b-2 px-1 pb-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600",
                  t.id === current ? "border-indigo-600 text-indigo-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                )}
              >
                {t.label}
                {t.count === undefined ? null : (
                  <span className="rounded-full bg-slate-100 px-1.5 text-xs font-semibold text-slate-700 tabular-nums">
                    {t.count}
                    {t.countLabel ? <span className={t.countLabel.visible ? "font-normal" : "sr-only"}> {t.countLabel.text}</span> : null}
                  </span>
                )}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {aside ? <div className="pb-2">{aside}</div> : null}
    </div>
  );
}
