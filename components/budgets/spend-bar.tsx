import { ProportionBar } from "../ui/proportion-bar";
import type { BudgetView } from "./types";

/**
 * A period's spend against the limit: spent (amber past the first threshold, red at the limit),
 * then what work in progress holds, with the figures in words beside it.
 */
export function SpendBar({ budget: b }: { budget: BudgetView }) {
  const c = b.current;
  if (!c) return <span className="text-xs text-slate-600">Each run has its own {b.limitText}</span>;
  const first = b.thresholds[0] ?? 100;
  const spentClass = c.percent >= 100 ? "fill-red-600" : c.percent >= first ? "fill-amber-500" : "fill-indigo-600";
  return (
    <div className="min-w-44 space-y-1">
      <ProportionBar className="h-2 bg-slate-100" total={b.limitMicros}
        segments={[{ key: "spent", value: c.spentMicros, className: spentClass }, { key: "reserved", value: c.reservedMicros, className: "fill-indigo-200" }]} />
      <p className="text-xs text-slate-700 tabular-nums">
        {c.text.spent} of {b.limitText} · {c.percent} %
        {c.reservedMicros > 0 ? <span className="text-slate-600"> · {c.text.reserved} held</span> : null}
      </p>
    </div>
  );
}
