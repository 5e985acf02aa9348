"use client";

import { inputClass } from "../ui/input-class";
import { DecisionPath } from "./decision-path";
import type { Preview } from "./types";

/** Try-an-input: a decision input as JSON, decided by the draft and by the active policy. */
export function TryInput({ text, onText, error, tried }: { text: string; onText: (t: string) => void; error: string | null; tried: Preview["tried"] | undefined }) {
  const changed = tried?.draft && tried.draft.decision !== tried.active.decision;
  return (
    <section aria-labelledby="try-heading" className="space-y-2">
      <h3 id="try-heading" className="text-sm font-semibold text-slate-900">Try an input</h3>
      <div className="grid gap-3 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <div className="space-y-1">
          <label htmlFor="try-input" className="block text-xs font-medium text-slate-800">Input to decide (JSON)</label>
          <p id="try-input-hint" className="text-xs text-slate-600">
            An object with action, resource, subject and context, decided as the console and the runs decide it: a console action
            by <code>subject.roles</code> first, <code>run.create</code> and <code>tool.file_write</code> also at the boundary
            (<code>context.changeClass</code>, <code>context.changed_files</code>).
          </p>
          <textarea
            id="try-input"
            value={text}
            onChange={(e) => onText(e.target.value)}
            rows={12}
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "try-input-hint try-input-error" : "try-input-hint"}
            className={inputClass(Boolean(error), "py-2 font-mono text-xs")}
          />
          {error ? <p id="try-input-error" className="text-xs font-medium text-red-700">{error}</p> : null}
        </div>
        {tried ? (
          <div className="space-y-2">
            {changed ? (
              <p className="text-xs font-medium text-amber-900">The draft changes this decision: {tried.active.decision.replaceAll("_", " ")} → {tried.draft!.decision.replaceAll("_", " ")}.</p>
            ) : null}
            <DecisionPath title="Draft" decision={tried.draft} />
            <DecisionPath title="Active policy" decision={tried.active} />
          </div>
        ) : (
          <p className="text-xs text-slate-600">{error ? "Fix the JSON to see the decisions." : "Enter an input to see what the draft and the active policy decide."}</p>
        )}
      </div>
    </section>
  );
}
