"use client";

import type { ReactNode } from "react";

export type CheckboxOption = { value: string; label: string; description?: string; disabled?: boolean };

/** A fieldset of checkboxes; the legend names the group, the error is tied to it. */
export function CheckboxGroup({ id, legend, options, value, onValue, error, hint }: {
  id: string; legend: string; options: CheckboxOption[]; value: string[]; onValue: (next: string[]) => void; error?: string; hint?: ReactNode;
}) {
  const toggle = (v: string, on: boolean) => onValue(on ? [...value, v] : value.filter((x) => x !== v));
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset id={id} aria-describedby={described} aria-invalid={error ? true : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {hint ? <p id={`${id}-hint`} className="text-xs text-slate-600">{hint}</p> : null}
      <div className="mt-1.5 grid gap-1 sm:grid-cols-2">
        {options.map((o) => (
          <label key={o.value} className={`flex items-start gap-2 rounded-md border border-slate-200 px-2.5 py-1.5 text-sm ${o.disabled ? "opacity-60" : "hover:bg-slate-50"}`}>
            <input
              type="checkbox"
              className="mt-0.5 size-4 shrink-0 accent-indigo-600"
              checked={value.includes(o.value)}
              disabled={o.disabled}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            <span>
              <span className="font-medium text-slate-900">{o.label}</span>
              {o.description ? <span className="block text-xs text-slate-600">{o.description}</span> : null}
            </span>
          </label>
        ))}
      </div>
      {error ? <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">{error}</p> : null}
    </fieldset>
  );
}
