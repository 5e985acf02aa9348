"use client";

import { useCallback, useState } from "react";
import { ApiError, formErrors, type FieldIssue } from "./api-error";

/**
 * Field errors and a banner for one form, filled from an API error; `issues` keeps every field issue
 * with its whole path, for forms with rows of their own (body.steps.2.argv.0).
 */
export function useFormErrors<F extends string>(fields: readonly F[]) {
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const fail = useCallback((err: unknown) => {
    const r = formErrors(err, fields);
    setErrors(r.fields);
    setBanner(r.banner);
    setIssues(err instanceof ApiError ? err.issues : []);
  }, [fields]);
  const reset = useCallback(() => {
    setErrors({});
    setBanner(null);
    setIssues([]);
  }, []);
  return { errors, banner, issues, fail, reset };
}
