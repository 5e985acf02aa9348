"use client";

import { useEffect, useState, type FormEvent } from "react";
import { Button } from "../ui/button";
import { inputClass } from "../ui/input-class";
import { hasFilters, runFilter, type RunListFilter } from "./list-filter";
import { RUN_STATES, stateLabel, TASK_CLASSES, taskClassLabel } from "./labels";
import type { RepoOption } from "./types";

/**
 * Filters above the runs list. Selects and dates apply at once; the requester and campaign boxes
 * are drafts until submitted (Enter or Apply) and follow the URL when it changes.
 */
export function RunFilters({ filter, repositories, onChange }: { filter: RunListFilter; repositories: RepoOption[]; onChange: (f: RunListFilter) => void }) {
  const [requester, setRequester] = useState(filter.requester);
  const [campaignId, setCampaignId] = useState(filter.campaignId);
  useEffect(() => setRequester(filter.requester), [filter.requester]);
  useEffect(() => setCampaignId(filter.campaignId), [filter.campaignId]);
  // The selects offer only values the filter knows.
  const apply = (patch: Partial<Record<keyof RunListFilter, string>>) => onChange({ ...filter, requester: requester.trim(), campaignId: campaignId.trim(), ...patch } as RunListFilter);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply({});
  };
  const clear = () => {
    setRequester("");
    setCampaignId("");
    onChange({ ...runFilter.defaults, view: filter.view });
  };
  const repoOptions = repositories.some((r) => r.id === filter.repositoryId) || !filter.repositoryId
    ? repositories
    : [...repositories, { id: filter.repositoryId, fullName: "(a repository not listed)", riskTier: "" }];
  return (
    <form role="search" aria-label="Filter runs" onSubmit={submit} className="mb-3 flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor="run-state" className="block text-xs font-medium text-slate-700">State</label>
        <select id="run-state" value={filter.state} onChange={(e) => apply({ state: e.target.value })} className={inputClass(false, "h-9 w-44")}>
          <option value="">{filter.view === "open" ? "Any active state" : "Any state"}</option>
          {RUN_STATES.map((s) => <option key={s} value={s}>{stateLabel(s)}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="run-repository" className="block text-xs font-medium text-slate-700">Repository</label>
        <select id="run-repository" value={filter.repositoryId} onChange={(e) => apply({ repositoryId: e.target.value })} className={inputClass(false, "h-9 w-52")}>
          <option value="">Every repository</option>
          {repoOptions.map((r) => <option key={r.id} value={r.id}>{r.fullName}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="run-task-class" className="block text-xs font-medium text-slate-700">Task class</label>
        <select id="run-task-class" value={filter.taskClass} onChange={(e) => apply({ taskClass: e.target.value })} className={inputClass(false, "h-9 w-52")}>
          <option value="">Every task class</option>
          {TASK_CLASSES.map((c) => <option key={c} value={c}>{taskClassLabel(c)}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="run-requester" className="block text-xs font-medium text-slate-700">Requester</label>
        <input id="run-requester" type="search" value={requester} onChange={(e) => setRequester(e.target.value)} placeholder="e-mail or token name" className={inputClass(false, "h-9 w-48")} />
      </div>
      <div>
        <label htmlFor="run-campaign" className="block text-xs font-medium text-slate-700">Campaign id</label>
        <input id="run-campaign" type="search" value={campaignId} onChange={(e) => setCampaignId(e.target.value)} className={inputClass(false, "h-9 w-36 font-mono")} />
      </div>
      <div>
        <label htmlFor="run-from" className="block text-xs font-medium text-slate-700">Queued from (UTC)</label>
        <input id="run-from" type="date" value={filter.from} max={filter.to || undefined} onChange={(e) => apply({ from: e.target.value })} className={inputClass(false, "h-9 w-40")} />
      </div>
      <div>
        <label htmlFor="run-to" className="block text-xs font-medium text-slate-700">to (UTC)</label>
        <input id="run-to" type="date" value={filter.to} min={filter.from || undefined} onChange={(e) => apply({ to: e.target.value })} className={inputClass(false, "h-9 w-40")} />
      </div>
      <Button type="submit">Apply</Button>
      {hasFilters(filter) ? <Button variant="ghost" onClick={clear}>Clear filters</Button> : null}
    </form>
  );
}
