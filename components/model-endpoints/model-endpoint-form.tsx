"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, tenantPath } from "../api/api-client";
import { useFormErrors } from "../api/use-form-errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/text-field";
import { useAfterChange } from "../ui/use-after-change";
import { LIMITS, modelEndpointKeys, type ModelEndpointView } from "./types";

type Values = { baseUrl: string; model: string; apiKey: string; clearKey: boolean; maxTurns: string; maxOutputTokens: string; timeoutMs: string };
const FIELDS = ["baseUrl", "model", "apiKey", "clearKey", "maxTurns", "maxOutputTokens", "timeoutMs"] as const;

const fromView = (e: ModelEndpointView | null): Values => ({
  baseUrl: e?.baseUrl ?? "", model: e?.model ?? "", apiKey: "", clearKey: false,
  maxTurns: String(e?.maxTurns ?? LIMITS.maxTurns.default), maxOutputTokens: String(e?.maxOutputTokens ?? LIMITS.maxOutputTokens.default), timeoutMs: String(e?.timeoutMs ?? LIMITS.timeoutMs.default),
});

/** A number when the text is one; otherwise the text, so the server's validation names the field. */
const num = (s: string) => (s.trim() !== "" && Number.isFinite(Number(s)) ? Number(s) : s);

/** The PUT body: a blank key is left out (the stored one is kept), never sent as "". */
export function endpointBody(v: Values) {
  return {
    baseUrl: v.baseUrl.trim(), model: v.model.trim(),
    ...(v.apiKey.trim() !== "" ? { apiKey: v.apiKey } : {}),
    ...(v.clearKey ? { clearKey: true } : {}),
    maxTurns: num(v.maxTurns), maxOutputTokens: num(v.maxOutputTokens), timeoutMs: num(v.timeoutMs),
  };
}

/** Sets the endpoint; the key field is emptied once the server has it, and is never filled from the server. */
export function ModelEndpointForm({ tenant, current }: { tenant: string; current: ModelEndpointView | null }) {
  const [values, setValues] = useState(() => fromView(current));
  const form = useFormErrors(FIELDS);
  const afterChange = useAfterChange();
  const mutation = useMutation({
    mutationFn: (v: Values) => api<{ endpoint: ModelEndpointView }>(tenantPath(tenant, "model-endpoint"), { method: "PUT", body: endpointBody(v) }),
    onSuccess: async (r) => {
      setValues(fromView(r.endpoint));
      await afterChange([modelEndpointKeys.detail(tenant)], r.endpoint.keyConfigured ? "Model endpoint saved; the key is configured" : "Model endpoint saved");
    },
    onError: form.fail,
  });
  const field = <K extends Exclude<keyof Values, "clearKey">>(k: K) => ({
    value: values[k], error: form.errors[k], onValue: (v: string) => setValues((s) => ({ ...s, [k]: v })),
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    form.reset();
    mutation.mutate(values);
  };
  const keyConfigured = current?.keyConfigured ?? false;

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="model-endpoint-form-heading" className="space-y-4">
      <h2 id="model-endpoint-form-heading" className="text-sm font-semibold text-slate-900">{current ? "Change the endpoint" : "Set an endpoint"}</h2>
      {form.banner ? <Alert tone="error" title="Not saved">{form.banner}</Alert> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <TextField
          id="model-base-url" label="Base URL" type="url" required placeholder="https://api.openai.com/v1" autoComplete="off"
          hint="An OpenAI-compatible API; Fleetgate calls {base URL}/chat/completions. https only (plain http only on this machine's loopback); private network addresses are refused."
          {...field("baseUrl")}
        />
        <TextField id="model-name" label="Model" required placeholder="gpt-4o-mini" autoComplete="off" {...field("model")} />
      </div>
      <div className="space-y-2 md:w-1/2 md:pr-2">
        <TextField
          id="model-api-key" label="API key" type="password" optional autoComplete="new-password" spellCheck={false}
          placeholder={keyConfigured ? "Leave blank to keep the configured key" : "sk-…"}
          hint="Stored encrypted and never shown again, not even to admins. Only the worker opens it, to call the model."
          disabled={values.clearKey}
          {...field("apiKey")}
        />
        {keyConfigured ? (
          <div className="space-y-1">
            <label className="flex items-center gap-2 text-sm text-slate-800">
              <input
                type="checkbox" className="size-4 rounded border-slate-300 accent-indigo-600" checked={values.clearKey}
                aria-describedby={form.errors.clearKey ? "model-clear-key-error" : undefined}
                onChange={(e) => setValues((s) => ({ ...s, clearKey: e.target.checked, apiKey: e.target.checked ? "" : s.apiKey }))}
              />
              Remove the stored key (for an endpoint that needs none)
            </label>
            {form.errors.clearKey ? <p id="model-clear-key-error" className="text-xs font-medium text-red-700">{form.errors.clearKey}</p> : null}
          </div>
        ) : null}
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Limits for each run</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField id="model-max-turns" label="Turns" type="number" inputMode="numeric" min={LIMITS.maxTurns.min} max={LIMITS.maxTurns.max} hint={`Model requests, ${LIMITS.maxTurns.min}–${LIMITS.maxTurns.max}`} {...field("maxTurns")} />
          <TextField id="model-max-output-tokens" label="Max output tokens" type="number" inputMode="numeric" min={LIMITS.maxOutputTokens.min} max={LIMITS.maxOutputTokens.max} hint="Sent as max_tokens with every request, 16–200,000; spending limits are budgets" {...field("maxOutputTokens")} />
          <TextField id="model-timeout" label="Request timeout (ms)" type="number" inputMode="numeric" min={LIMITS.timeoutMs.min} max={LIMITS.timeoutMs.max} hint="Per model request, 1,000–600,000" {...field("timeoutMs")} />
        </div>
      </fieldset>
      <div className="flex justify-end">
        <Button type="submit" variant="primary" disabled={mutation.isPending}>{mutation.isPending ? "Saving…" : current ? "Save changes" : "Save endpoint"}</Button>
      </div>
    </form>
  );
}
