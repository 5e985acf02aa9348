"use client";

import { CheckboxGroup } from "../ui/checkbox-group";
import { TextField } from "../ui/text-field";
import { EVENT_OPTIONS } from "./types";

export type WebhookFormValues = { url: string; description: string; events: string[]; digestThreshold: string };

type FieldProps<V> = { value: V; onValue: (v: V) => void; error?: string };

/** The fields shared by the create and edit dialogs; names are the API's, so its errors land here. */
export function WebhookFormFields({ prefix, field }: {
  prefix: string;
  field: <K extends keyof WebhookFormValues>(k: K) => FieldProps<WebhookFormValues[K]>;
}) {
  return (
    <>
      <TextField
        id={`${prefix}-url`} label="Payload URL" type="url" placeholder="https://hooks.slack.com/services/…" required
        hint="https only (plain http only for a receiver on this machine's loopback); private network addresses are refused."
        {...field("url")}
      />
      <TextField id={`${prefix}-description`} label="Description" optional placeholder="#approvals channel" {...field("description")} />
      <CheckboxGroup id={`${prefix}-events`} legend="Events" options={EVENT_OPTIONS} {...field("events")} />
      <TextField
        id={`${prefix}-threshold`} label="Digest threshold" type="number" min={1} max={10000} inputMode="numeric" className="w-32"
        hint="With more pending requests than this in the tenant, one approval.digest (at most every 15 minutes) replaces the per-request events."
        {...field("digestThreshold")}
      />
    </>
  );
}

/** The API body from the form: the threshold as a number (a blank one is left to the server). */
export function webhookBody(v: WebhookFormValues) {
  const n = Number(v.digestThreshold);
  return { url: v.url.trim(), description: v.description, events: v.events, ...(v.digestThreshold.trim() === "" ? {} : { digestThreshold: Number.isFinite(n) ? n : v.digestThreshold }) };
}
