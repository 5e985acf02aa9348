"use client";

// What every chart of the console shares: a frame that names the chart for screen readers and says
// what it shows in words, time ticks that fit the spacing of the points, and the palette.
import type { ReactNode } from "react";
import { useHydrated } from "../ui/time";

const DAY = 86_400_000;

/** A tick label for a point: hours and minutes when points are less than a day apart, the date otherwise. */
export function timeTick(stepMs: number): (iso: string) => string {
  const f = new Intl.DateTimeFormat("en-GB", stepMs < DAY ? { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" } : { day: "numeric", month: "short" });
  return (iso) => f.format(new Date(iso));
}

export const tooltipTime = (iso: unknown) => (typeof iso === "string" ? new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)) : String(iso));

/** Colours that stay apart for most kinds of colour blindness (Okabe-Ito first, then Tailwind tones). */
export const SERIES_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#6366f1", "#94a3b8"];

/**
 * The chart's frame: its name, a sentence saying what the latest point shows (for screen readers and
 * as a caption), and the chart itself once the page is hydrated (charts measure the browser's layout).
 * The drawing is hidden from assistive technology, so charts inside turn Recharts' keyboard layer off
 * (accessibilityLayer={false}): a focusable svg nobody can hear would be a trap.
 */
// Heights as classes, not a style attribute: the server-rendered page may carry no inline style (CSP).
const HEIGHTS = { 200: "h-[200px]", 260: "h-[260px]" } as const;

export function ChartFrame({ label, summary, height = 260, children }: { label: string; summary: string; height?: keyof typeof HEIGHTS; children: ReactNode }) {
  const hydrated = useHydrated();
  return (
    <figure aria-label={label} className="m-0">
      <div className={HEIGHTS[height]} aria-hidden="true">{hydrated ? children : null}</div>
      <figcaption className="mt-2 text-xs text-slate-600">{summary}</figcaption>
    </figure>
  );
}
