"use client";

import { Plus, X } from "lucide-react";
import { Button } from "../ui/button";
import { inputClass } from "../ui/input-class";

/**
 * A command as its arguments, one box each: the program first, then each argument exactly as it is
 * passed (no shell: quotes, $VARS, && and * mean nothing). An argument may span lines (a script
 * given to node -e).
 */
export function ArgvEditor({ id, step, argv, onArgv, error }: { id: string; step: string; argv: string[]; onArgv: (a: string[]) => void; error?: string }) {
  const set = (i: number, v: string) => onArgv(argv.map((a, j) => (j === i ? v : a)));
  const hint = `${id}-hint`;
  const described = [hint, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div role="group" aria-labelledby={`${id}-label`} className="space-y-1.5">
      <p id={`${id}-label`} className="text-sm font-medium text-slate-800">Command</p>
      {argv.map((a, i) => {
        const name = i === 0 ? `Program of ${step}` : `Argument ${i} of ${step}`;
        return (
          <div key={i} className="flex items-start gap-1.5">
            <textarea
              aria-label={name}
              aria-describedby={described}
              aria-invalid={error ? true : undefined}
              rows={Math.min(8, Math.max(1, a.split("\n").length))}
              value={a}
              placeholder={i === 0 ? "make" : "argument"}
              onChange={(e) => set(i, e.target.value)}
              className={inputClass(Boolean(error), "min-h-9 resize-y py-1.5 font-mono text-xs")}
            />
            <Button variant="ghost" size="sm" className="mt-1" onClick={() => onArgv(argv.filter((_, j) => j !== i))} disabled={argv.length === 1} aria-label={`Remove ${name.toLowerCase()}`}>
              <X aria-hidden="true" className="size-3.5" />
            </Button>
          </div>
        );
      })}
      <Button size="sm" onClick={() => onArgv([...argv, ""])}>
        <Plus aria-hidden="true" className="size-3.5" />
        Add argument<span className="sr-only"> to {step}</span>
      </Button>
      <p id={hint} className="text-xs text-slate-600">The program first, then one argument per box, passed exactly as written: no shell, so quotes, <span className="font-mono">$VARS</span> and <span className="font-mono">&amp;&amp;</span> are plain text.</p>
      {error ? <p id={`${id}-error`} className="text-xs font-medium text-red-700">{error}</p> : null}
    </div>
  );
}
