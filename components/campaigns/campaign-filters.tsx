"use client";

import { useEffect, useState, type FormEvent } from "react";
import { Button } from "../ui/button";
import { inputClass } from "../ui/input-class";
import { CAMPAIGN_STATES, campaignStateLabel } from "./labels";
import { campaignFilter, hasFilters, type CampaignListFilter } from "./list-filter";

/** Filters above the campaigns list: the state applies at once; name and owner when submitted. */
export function CampaignFilters({ filter, onChange }: { filter: CampaignListFilter; onChange: (f: CampaignListFilter) => void }) {
  const [q, setQ] = useState(filter.q);
  const [owner, setOwner] = useState(filter.owner);
  useEffect(() => setQ(filter.q), [filter.q]);
  useEffect(() => setOwner(filter.owner), [filter.owner]);
  const apply = (patch: Partial<CampaignListFilter>) => onChange({ ...filter, q: q.trim(), owner: owner.trim(), ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply({});
  };
  const clear = () => {
    setQ("");
    setOwner("");
    onChange(campaignFilter.defaults);
  };
  return (
    <form role="search" aria-label="Filter campaigns" onSubmit={submit} className="mb-3 flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor="campaign-state" className="block text-xs font-medium text-slate-700">State</label>
        <select id="campaign-state" value={filter.state} onChange={(e) => apply({ state: e.target.value as CampaignListFilter["state"] })} className={inputClass(false, "h-9 w-44")}>
          <option value="">Any state</option>
          {CAMPAIGN_STATES.map((s) => <option key={s} value={s}>{campaignStateLabel(s)}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="campaign-q" className="block text-xs font-medium text-slate-700">Name</label>
        <input id="campaign-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} className={inputClass(false, "h-9 w-48")} />
      </div>
      <div>
        <label htmlFor="campaign-owner" className="block text-xs font-medium text-slate-700">Owner</label>
        <input id="campaign-owner" type="search" value={owner} placeholder="e-mail" onChange={(e) => setOwner(e.target.value)} className={inputClass(false, "h-9 w-56")} />
      </div>
      <Button type="submit">Apply</Button>
      {hasFilters(filter) ? <Button variant="ghost" onClick={clear}>Clear filters</Button> : null}
    </form>
  );
}
