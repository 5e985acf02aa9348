"use client";

import type { ReactNode, TextareaHTMLAttributes } from "react";
import { Field, fieldAria } from "./field";
import { inputClass } from "./input-class";

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "onChange"> & {
  id: string; label: string; hint?: ReactNode; error?: string; optional?: boolean; onValue?: (value: string) => void;
};

/** A multi-line <TextField>: label, hint and error tied to the control. */
export function TextAreaField({ id, label, hint, error, optional, onValue, className, ...textarea }: Props) {
  return (
    <Field id={id} label={label} hint={hint} error={error} optional={optional}>
      <textarea
        {...textarea}
        {...fieldAria(id, { hint, error })}
        onChange={(e) => onValue?.(e.target.value)}
        className={inputClass(Boolean(error), `py-1.5 ${className ?? ""}`)}
      />
    </Field>
  );
}
