"use client";

import { Search } from "lucide-react";
import { useEffect, useState, type FormEvent } from "react";
import { Button } from "../ui/button";
import { inputClass } from "../ui/input-class";
import type { RoleOption } from "./types";

export type MemberFilter = { q: string; role: string };

export function MemberFilters({ value, roleOptions, onChange }: { value: MemberFilter; roleOptions: RoleOption[]; onChange: (f: MemberFilter) => void }) {
  const [q, setQ] = useState(value.q);
  useEffect(() => setQ(value.q), [value.q]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange({ ...value, q: q.trim() });
  };
  return (
    <form role="search" aria-label="Filter members" onSubmit={submit} className="mb-3 flex flex-wrap items-end gap-2">
      <div className="relative w-72">
        <label htmlFor="member-q" className="sr-only">Search members</label>
        <Search aria-hidden="true" className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-slate-500" />
        <input id="member-q" type="search" placeholder="Search name or e-mail" value={q} onChange={(e) => setQ(e.target.value)} className={inputClass(false, "h-9 pl-8")} />
      </div>
      <div>
        <label htmlFor="member-role" className="sr-only">Role</label>
        <select id="member-role" value={value.role} onChange={(e) => onChange({ q: q.trim(), role: e.target.value })} className={inputClass(false, "h-9 w-44")}>
          <option value="">All roles</option>
          {roleOptions.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
        </select>
      </div>
      <Button type="submit">Search</Button>
      {value.q || value.role ? (
        <Button variant="ghost" onClick={() => { setQ(""); onChange({ q: "", role: "" }); }}>Clear filters</Button>
      ) : null}
    </form>
  );
}
