"use client";

import { ChevronRight } from "lucide-react";
import { JsonBlock } from "../audit/json-block";
import { DecisionBadge } from "../audit/decision-badge";
import { cn } from "../ui/cn";
import { formatDateTime } from "../ui/format";
import type { BlastRadius } from "./types";

type Kind = BlastRadius["byKind"][number];

// Coloured by where decisions go: to deny is the change that stops work, to allow the one that loosens.
const TONE: Record<string, string> = {
  deny: "border-l-red-500 bg-red-50/50",
  require_approval: "border-l-amber-500 bg-amber-50/50",
  allow: "border-l-emerald-500 bg-emerald-50/50",
};

/** One kind of change (allow->deny, ...) with its count and expandable samples. */
export function BlastKindCard({ kind }: { kind: Kind }) {
  return (
    <details className={cn("rounded-md border border-l-4 border-slate-200", TONE[kind.to] ?? "border-l-slate-400")}>
      <summary className="flex cursor-pointer list-none items-center gap-2 px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600 [&::-webkit-details-marker]:hidden">
        <ChevronRight aria-hidden="true" className="size-4 text-slate-500 transition-transform [details[open]>summary>&]:rotate-90" />
        <DecisionBadge decision={kind.from} />
        <span aria-hidden="true">→</span>
        <span className="sr-only">to</span>
        <DecisionBadge decision={kind.to} />
        <span className="font-semibold text-slate-900" data-testid={`blast-count-${kind.kind}`}>{kind.count.toLocaleString("en")}</span>
        <span className="text-xs text-slate-600">{kind.count === 1 ? "decision" : "decisions"} · {kind.samples.length} sample{kind.samples.length === 1 ? "" : "s"}</span>
      </summary>
      <ul className="space-y-3 border-t border-slate-200 bg-white px-3 py-3">
        {kind.samples.map((s) => (
          <li key={s.recordId} className="grid gap-2 border-b border-slate-100 pb-3 last:border-0 last:pb-0 lg:grid-cols-2">
            <div className="min-w-0 space-y-1">
            <p className="text-xs text-slate-700">
              <span className="font-mono">#{s.recordId}</span> · {formatDateTime(s.createdAt, true)} · <span className="font-mono">{s.action}</span>
            </p>
            <dl className="grid gap-x-2 gap-y-1 text-xs sm:grid-cols-[8.5rem_1fr]">
              <dt className="text-slate-600">Was decided by</dt>
              <dd className="font-mono text-slate-900">{s.old.rule ?? "— (no rule: implicit deny or error)"} · {s.old.decision}</dd>
              <dt className="text-slate-600">Would be decided by</dt>
              <dd className="font-mono text-slate-900">{s.new.rule ?? "— (no rule)"} · {s.new.decision}</dd>
              <dt className="text-slate-600">Explanation</dt>
              <dd className="text-slate-900">{s.new.explanation}</dd>
            </dl>
            </div>
            <JsonBlock title="Input" value={s.input} />
          </li>
        ))}
      </ul>
    </details>
  );
}
