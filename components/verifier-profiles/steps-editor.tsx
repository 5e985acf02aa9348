"use client";

import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import type { FieldIssue } from "../api/api-error";
import { Button } from "../ui/button";
import { TextField } from "../ui/text-field";
import { ArgvEditor } from "./argv-editor";
import { newStep, type StepDraft } from "./types";

const MAX_STEPS = 20;

/** The server's message for one field of one step (body.steps.<i>.<field>...), if any. */
function issueAt(issues: FieldIssue[], i: number, field: string): string | undefined {
  const prefix = `body.steps.${i}.${field}`;
  const hit = issues.find((x) => x.path === prefix || x.path.startsWith(`${prefix}.`));
  if (!hit) return undefined;
  const arg = /^body\.steps\.\d+\.argv\.(\d+)$/.exec(hit.path);
  // Named as the boxes are: the program, then Argument 1, 2...
  return arg ? `${arg[1] === "0" ? "the program" : `argument ${arg[1]}`}: ${hit.message}` : hit.message;
}

/**
 * A profile's steps in order: each a name, a command as its arguments (argv: the program first, no
 * shell) and a time limit. Steps can be added, removed and moved; the server's errors show on the
 * step and field they are about.
 */
export function StepsEditor({ steps, onSteps, issues, error, idPrefix }: {
  steps: StepDraft[]; onSteps: (s: StepDraft[]) => void; issues: FieldIssue[]; error?: string; idPrefix: string;
}) {
  const change = (i: number, patch: Partial<StepDraft>) => onSteps(steps.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...steps];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    onSteps(next);
  };
  return (
    <fieldset className="space-y-3" aria-describedby={error ? `${idPrefix}-steps-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">Steps</legend>
      <p className="text-xs text-slate-600">
        Run in order in the sandbox, without network; every step runs even after one fails. A step&apos;s name is what a policy&apos;s required verifiers list (the platform requires <span className="font-mono">build</span> and <span className="font-mono">unit-tests</span>).
      </p>
      {error ? <p id={`${idPrefix}-steps-error`} className="text-xs font-medium text-red-700">{error}</p> : null}
      {steps.length === 0 ? <p className="rounded-md border border-dashed border-slate-300 px-3 py-4 text-center text-sm text-slate-600">No steps: this profile verifies nothing.</p> : null}
      <ol className="space-y-3">
        {steps.map((s, i) => {
          const id = `${idPrefix}-step-${i}`;
          const label = `step ${i + 1}${s.name ? ` (${s.name})` : ""}`;
          return (
            <li key={i} className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3">
              <div className="flex items-center justify-between gap-2">
                <span className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Step {i + 1}</span>
                <div className="flex gap-1">
                  <Button variant="ghost" size="sm" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move ${label} up`}><ArrowUp aria-hidden="true" className="size-3.5" /></Button>
                  <Button variant="ghost" size="sm" onClick={() => move(i, 1)} disabled={i === steps.length - 1} aria-label={`Move ${label} down`}><ArrowDown aria-hidden="true" className="size-3.5" /></Button>
                  <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" onClick={() => onSteps(steps.filter((_, j) => j !== i))} aria-label={`Remove ${label}`}>
                    <Trash2 aria-hidden="true" className="size-3.5" />
                  </Button>
                </div>
              </div>
              <div className="grid gap-3 sm:grid-cols-[1fr_9rem]">
                <TextField id={`${id}-name`} label="Name" value={s.name} onValue={(name) => change(i, { name })} error={issueAt(issues, i, "name")} placeholder="unit-tests" className="font-mono" />
                <TextField id={`${id}-timeout`} label="Time limit (s)" inputMode="numeric" value={s.timeoutSeconds} onValue={(timeoutSeconds) => change(i, { timeoutSeconds })} error={issueAt(issues, i, "timeoutSeconds")} hint="1 to 3600" />
              </div>
              <ArgvEditor id={`${id}-argv`} step={label} argv={s.argv} onArgv={(argv) => change(i, { argv })} error={issueAt(issues, i, "argv")} />
            </li>
          );
        })}
      </ol>
      <Button onClick={() => onSteps([...steps, newStep()])} disabled={steps.length >= MAX_STEPS}>
        <Plus aria-hidden="true" className="size-4" />
        Add step
      </Button>
    </fieldset>
  );
}
