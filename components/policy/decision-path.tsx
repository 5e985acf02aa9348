import { ArrowRight } from "lucide-react";
import { DecisionBadge } from "../audit/decision-badge";
import { cn } from "../ui/cn";
import type { TriedDecision } from "./types";

const same = (a: TriedDecision["matchedRules"][number], b?: TriedDecision["decidingRule"]) =>
  !!b && a.policy === b.policy && a.rule === b.rule && a.version === b.version;

/** One decision: its effect, explanation and the rules that matched in order, the deciding one marked. */
export function DecisionPath({ title, decision }: { title: string; decision: TriedDecision | null }) {
  return (
    <div className="min-w-0 rounded-md border border-slate-200 bg-white p-3">
      <div className="flex items-center justify-between gap-2">
        <h4 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{title}</h4>
        {decision ? <DecisionBadge decision={decision.decision} /> : null}
      </div>
      {!decision ? (
        <p className="mt-2 text-xs text-slate-600">The draft has problems: fix them to see what it decides.</p>
      ) : (
        <>
          <p className="mt-2 text-xs break-words text-slate-800">{decision.explanation}</p>
          {decision.matchedRules.length === 0 ? (
            <p className="mt-2 text-xs text-slate-600">No rule matched.</p>
          ) : (
            <ol aria-label={`${title}: matched rules in order`} className="mt-2 flex flex-wrap items-center gap-1">
              {decision.matchedRules.map((m, i) => {
                const deciding = same(m, decision.decidingRule);
                return (
                  <li key={`${m.policy}/${m.rule}/${i}`} className="flex items-center gap-1">
                    {i > 0 ? <ArrowRight aria-hidden="true" className="size-3 text-slate-400" /> : null}
                    <span
                      className={cn(
                        "rounded px-1.5 py-0.5 font-mono text-[11px] ring-1 ring-inset",
                        deciding ? "bg-indigo-600 text-white ring-indigo-600" : "bg-slate-50 text-slate-700 ring-slate-200",
                      )}
                    >
                      {m.policy}/{m.version}/{m.rule} · {m.effect}
                      {deciding ? <span className="sr-only"> (deciding rule)</span> : null}
                    </span>
                  </li>
                );
              })}
            </ol>
          )}
        </>
      )}
    </div>
  );
}
