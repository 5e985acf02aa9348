"use client";

import type { InputHTMLAttributes, ReactNode } from "react";
import { Field, fieldAria } from "./field";
import { inputClass } from "./input-class";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "onChange"> & {
  id: string; label: string; hint?: ReactNode; error?: string; optional?: boolean; onValue?: (value: string) => void;
};

export function TextField({ id, label, hint, error, optional, onValue, className, ...input }: Props) {
  return (
    <Field id={id} label={label} hint={hint} error={error} optional={optional}>
      <input
        {...input}
        {...fieldAria(id, { hint, error })}
        onChange={(e) => onValue?.(e.target.value)}
        className={inputClass(Boolean(error), `h-9 ${className ?? ""}`)}
      />
    </Field>
  );
}
