"use client";

import { useMutation, type QueryKey } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useAfterChange } from "./use-after-change";
import { useFormErrors } from "../api/use-form-errors";

type Values = Record<string, unknown>;

/** What <FormDialog> needs from the hook, whatever the form's values. */
export type DialogForm<R> = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSubmit: (e: FormEvent) => void;
  banner: string | null;
  pending: boolean;
  result: R | null;
};

/**
 * State of a dialog with a form that sends one request. Each opening starts from `initial()` with no
 * errors: a dialog reopened after a cancel or a failure never shows the last attempt. The values' keys
 * are the API's field names, so the server's field errors land next to their fields.
 */
export function useFormDialog<V extends Values, R>({ initial, submit, invalidates, notice, keepOpen }: {
  initial: () => V;
  submit: (values: V) => Promise<R>;
  /** Queries the change makes stale; refetched before the dialog closes. */
  invalidates: readonly QueryKey[];
  notice?: (result: R) => string;
  /** Stay open on success with the result, for what is shown only once; it is dropped when the dialog opens or closes. */
  keepOpen?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(initial);
  const [result, setResult] = useState<R | null>(null);
  const [fields] = useState(() => Object.keys(values) as (keyof V & string)[]);
  const form = useFormErrors(fields);
  const afterChange = useAfterChange();

  const mutation = useMutation({
    mutationFn: submit,
    onSuccess: async (r) => {
      if (keepOpen) setResult(r);
      await afterChange(invalidates, notice?.(r));
      if (!keepOpen) setOpen(false);
    },
    onError: form.fail,
  });

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    setResult(null);
    if (next) {
      setValues(initial());
      form.reset();
      mutation.reset();
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    form.reset();
    mutation.mutate(values);
  };
  const set = <K extends keyof V>(key: K, value: V[K]) => setValues((v) => ({ ...v, [key]: value }));
  /** Value, setter and server error of one field, for <TextField>, <SelectField> and <CheckboxGroup>. */
  const field = <K extends keyof V & string>(key: K) => ({ value: values[key], onValue: (v: V[K]) => set(key, v), error: form.errors[key] });

  return { open, onOpenChange, onSubmit, banner: form.banner, pending: mutation.isPending, result, values, set, field, errors: form.errors, issues: form.issues };
}
