"use client";

import { useEffect, useState, type FormEvent } from "react";
import { Button } from "../ui/button";
import { TextField } from "../ui/text-field";
import { AUDIT_FIELDS, type AuditField, type AuditFilter } from "./audit-query";

const LABELS: Record<AuditField, { label: string; placeholder?: string; type?: string }> = {
  actor: { label: "Actor", placeholder: "e-mail, token:name or id" },
  action: { label: "Action", placeholder: "member.add" },
  resourceType: { label: "Resource type", placeholder: "repository" },
  resourceId: { label: "Resource id" },
  from: { label: "From (UTC)", type: "date" },
  to: { label: "To (UTC)", type: "date" },
};

const empty = (): Record<AuditField, string> => ({ actor: "", action: "", resourceType: "", resourceId: "", from: "", to: "" });

export function AuditFilters({ value, errors, onChange }: { value: AuditFilter; errors: Partial<Record<AuditField, string>>; onChange: (f: AuditFilter) => void }) {
  const [draft, setDraft] = useState<Record<AuditField, string>>(value);
  useEffect(() => setDraft(value), [value.actor, value.action, value.resourceType, value.resourceId, value.from, value.to]); // eslint-disable-line react-hooks/exhaustive-deps
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = { ...empty(), cursor: "" } as AuditFilter;
    for (const k of AUDIT_FIELDS) next[k] = draft[k].trim();
    onChange(next);
  };
  const active = AUDIT_FIELDS.some((k) => value[k]);
  return (
    <form role="search" aria-label="Filter audit events" onSubmit={submit} className="mb-4 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs" noValidate>
      <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {AUDIT_FIELDS.map((k) => (
          <TextField
            key={k}
            id={`audit-${k}`}
            label={LABELS[k].label}
            type={LABELS[k].type ?? "text"}
            placeholder={LABELS[k].placeholder}
            value={draft[k]}
            onValue={(v) => setDraft({ ...draft, [k]: v })}
            error={errors[k]}
          />
        ))}
      </div>
      <div className="mt-3 flex gap-2">
        <Button type="submit" variant="primary" size="sm">Apply filters</Button>
        {active ? (
          <Button size="sm" variant="ghost" onClick={() => { setDraft(empty()); onChange({ ...empty(), cursor: "" }); }}>
            Clear filters
          </Button>
        ) : null}
      </div>
    </form>
  );
}
