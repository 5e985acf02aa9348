"use client";

import type { ReactNode, SelectHTMLAttributes } from "react";
import { Field, fieldAria } from "./field";
import { inputClass } from "./input-class";

export type Option = { value: string; label: string };

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "onChange"> & {
  id: string; label: string; options: Option[]; hint?: ReactNode; error?: string; onValue?: (value: string) => void;
};

export function SelectField({ id, label, options, hint, error, onValue, ...select }: Props) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <select {...select} {...fieldAria(id, { hint, error })} onChange={(e) => onValue?.(e.target.value)} className={inputClass(Boolean(error), "h-9 pr-8")}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </Field>
  );
}
