"use client";

import { useCallback, useState } from "react";
import { formErrors } from "./api-error";

/** Field errors and a banner for one form, filled from an API error. */
export function useFormErrors<F extends string>(fields: readonly F[]) {
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const fail = useCallback((err: unknown) => {
    const r = formErrors(err, fields);
    setErrors(r.fields);
    setBanner(r.banner);
  }, [fields]);
  const reset = useCallback(() => {
    setErrors({});
    setBanner(null);
  }, []);
  return { errors, banner, fail, reset };
}
