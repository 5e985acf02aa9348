import { cn } from "./cn";

export type Segment = { key: string; value: number; className: string };

/**
 * A bar split into segments proportional to their values, drawn in SVG: the widths are geometry,
 * where style="width: ..." would be an inline style the Content-Security-Policy refuses.
 * `className` sizes the bar and colours its track (h-2 bg-slate-100); a segment's colours its fill.
 */
export function ProportionBar({ segments, total, className }: { segments: Segment[]; total: number; className?: string }) {
  let x = 0;
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 100 1" preserveAspectRatio="none" className={cn("block w-full overflow-hidden rounded-full", className)}>
      {segments.map((s) => {
        const width = total > 0 ? (Math.min(Math.max(s.value, 0), total) / total) * 100 : 0;
        const rect = width > 0 ? <rect key={s.key} x={x} y={0} width={width} height={1} className={s.className} /> : null;
        x += width;
        return rect;
      })}
    </svg>
  );
}
