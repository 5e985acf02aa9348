import type { ReactNode } from "react";

/** Label, control, hint and error for one form field; the control gets aria-describedby from ids(). */
export function Field({ id, label, hint, error, optional, children }: {
  id: string; label: string; hint?: ReactNode; error?: string; optional?: boolean; children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
        {optional ? <span className="ml-1 font-normal text-slate-600">(optional)</span> : null}
      </label>
      {children}
      {hint ? <p id={`${id}-hint`} className="text-xs text-slate-600">{hint}</p> : null}
      {error ? <p id={`${id}-error`} className="text-xs font-medium text-red-700">{error}</p> : null}
    </div>
  );
}

/** Accessibility attributes a control inside <Field> should carry. */
export function fieldAria(id: string, opts: { hint?: unknown; error?: string }) {
  const described = [opts.hint ? `${id}-hint` : null, opts.error ? `${id}-error` : null].filter(Boolean).join(" ");
  return { id, "aria-invalid": opts.error ? true : undefined, "aria-describedby": described || undefined } as const;
}
