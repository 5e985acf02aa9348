"use client";

import { useEffect, useState, type FormEvent } from "react";
import { Button } from "../ui/button";
import { TextField } from "../ui/text-field";

export type BlastFilter = { limit: string; action: string; since: string; until: string };
export const BLAST_KEYS = ["limit", "action", "since", "until"] as const;
export const DEFAULT_LIMIT = "10000";

/** The URL's blast radius filter; since/until are UTC minutes (YYYY-MM-DDTHH:mm). */
export function blastFilterFrom(params: URLSearchParams): BlastFilter {
  const limit = params.get("limit") ?? "";
  return {
    limit: /^\d{1,5}$/.test(limit) ? limit : DEFAULT_LIMIT,
    action: (params.get("action") ?? "").slice(0, 100),
    since: params.get("since") ?? "",
    until: params.get("until") ?? "",
  };
}

const iso = (minute: string) => (minute ? `${minute.length === 16 ? `${minute}:00` : minute}Z` : undefined);

export function blastApiFilter(f: BlastFilter) {
  return { limit: Number(f.limit), ...(f.action ? { action: f.action } : {}), ...(f.since ? { since: iso(f.since) } : {}), ...(f.until ? { until: iso(f.until) } : {}) };
}

/** Which recorded decisions to replay: the last N, optionally one action and a time window. */
export function BlastRadiusFilter({ value, onApply, running }: { value: BlastFilter; onApply: (f: BlastFilter) => void; running: boolean }) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value.limit, value.action, value.since, value.until]); // eslint-disable-line react-hooks/exhaustive-deps
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...draft, action: draft.action.trim(), limit: draft.limit.trim() || DEFAULT_LIMIT });
  };
  const set = (k: keyof BlastFilter) => (v: string) => setDraft({ ...draft, [k]: v });
  return (
    <form onSubmit={submit} aria-label="Blast radius filter" className="grid items-end gap-2 sm:grid-cols-2 lg:grid-cols-5" noValidate>
      <TextField id="blast-limit" label="Last N decisions" type="number" min={1} max={50000} value={draft.limit} onValue={set("limit")} />
      <TextField id="blast-action" label="Action" placeholder="tool.shell (all)" value={draft.action} onValue={set("action")} />
      <TextField id="blast-since" label="Since (UTC)" type="datetime-local" value={draft.since} onValue={set("since")} />
      <TextField id="blast-until" label="Until (UTC)" type="datetime-local" value={draft.until} onValue={set("until")} />
      <Button type="submit" variant="primary" disabled={running}>{running ? "Replaying…" : "Run blast radius"}</Button>
    </form>
  );
}
