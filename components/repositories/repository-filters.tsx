"use client";

import { Search } from "lucide-react";
import { useEffect, useState, type FormEvent } from "react";
import { Button } from "../ui/button";
import { inputClass } from "../ui/input-class";
import type { RepoFilter, TeamView } from "./types";

export function RepositoryFilters({ value, tiers, teams, onChange }: { value: RepoFilter; tiers: readonly string[]; teams: TeamView[]; onChange: (f: RepoFilter) => void }) {
  const [q, setQ] = useState(value.q);
  useEffect(() => setQ(value.q), [value.q]);
  const apply = (patch: Partial<RepoFilter>) => onChange({ ...value, q: q.trim(), ...patch, cursor: "" });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply({});
  };
  const active = value.q || value.riskTier || value.teamId;
  return (
    <form role="search" aria-label="Filter repositories" onSubmit={submit} className="mb-3 flex flex-wrap items-end gap-2">
      <div className="relative w-72">
        <label htmlFor="repo-q" className="sr-only">Search repositories</label>
        <Search aria-hidden="true" className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-slate-500" />
        <input id="repo-q" type="search" placeholder="Search owner or name" value={q} onChange={(e) => setQ(e.target.value)} className={inputClass(false, "h-9 pl-8")} />
      </div>
      <div>
        <label htmlFor="repo-tier" className="sr-only">Risk tier</label>
        <select id="repo-tier" value={value.riskTier} onChange={(e) => apply({ riskTier: e.target.value })} className={inputClass(false, "h-9 w-40")}>
          <option value="">All risk tiers</option>
          {tiers.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="repo-team" className="sr-only">Team</label>
        <select id="repo-team" value={value.teamId} onChange={(e) => apply({ teamId: e.target.value })} className={inputClass(false, "h-9 w-44")}>
          <option value="">All teams</option>
          {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
      </div>
      <Button type="submit">Search</Button>
      {active ? <Button variant="ghost" onClick={() => { setQ(""); onChange({ q: "", riskTier: "", teamId: "", cursor: "" }); }}>Clear filters</Button> : null}
    </form>
  );
}
