import { DecisionBadge } from "../audit/decision-badge";
import { cn } from "../ui/cn";
import type { TriedDecision } from "./types";
import { withoutVerdict } from "./without-verdict";

const LAYERS: Record<TriedDecision["layer"], string> = {
  rbac: "RBAC: the subject's roles",
  policy: "Policy rules",
  boundary: "Boundary: forbidden paths, change class, size",
};

const same = (a: TriedDecision["matchedRules"][number], b?: TriedDecision["decidingRule"]) =>
  !!b && a.policy === b.policy && a.rule === b.rule && a.version === b.version;

/** One decision: its effect, the layer that decided, its explanation and the rules that matched in order, the deciding one marked. */
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
          <p className="mt-2 text-xs text-slate-600">Decided by <span className="font-medium text-slate-900">{LAYERS[decision.layer]}</span></p>
          <p className="mt-1 text-xs break-words text-slate-800">{withoutVerdict(decision.explanation)}</p>
          {decision.matchedRules.length === 0 ? (
            <p className="mt-2 text-xs text-slate-600">No rule matched.</p>
          ) : (
            <ol aria-label={`${title}: matched rules in order`} className="mt-2 space-y-1">
              {decision.matchedRules.map((m, i) => {
                const deciding = same(m, decision.decidingRule);
                return (
                  <li
                    key={`${m.policy}/${m.rule}/${i}`}
                    className={cn(
                      "flex items-start gap-1.5 rounded px-1.5 py-1 font-mono text-[11px] ring-1 ring-inset",
                      deciding ? "bg-indigo-700 text-white ring-indigo-700" : "bg-slate-50 text-slate-700 ring-slate-200",
                    )}
                  >
                    <span aria-hidden="true" className={deciding ? "text-indigo-100" : "text-slate-600"}>{i + 1}.</span>
                    <span className="min-w-0 flex-1 break-all">
                      {m.policy}<span className={deciding ? "text-indigo-100" : "text-slate-600"}> / {m.version} / </span>{m.rule}
                    </span>
                    <span className="shrink-0">{m.effect.replaceAll("_", " ")}</span>
                    {deciding ? <span className="shrink-0 font-sans font-semibold">· decides<span className="sr-only"> (deciding rule)</span></span> : null}
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
