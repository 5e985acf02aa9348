"use client";

import { Button } from "../ui/button";
import { inputClass } from "../ui/input-class";
import { RANGES, STALE_DAYS, stormFilter, type StormFilter, type StormOptions } from "./storm-filter";

type Select = { key: keyof StormFilter; label: string; all?: string; width: string; options: { value: string; label: string }[] };

/** The dashboard's filters; each applies at once and lives in the URL, so a link shows the same view. */
export function StormFilters({ filter, options, onChange }: { filter: StormFilter; options: StormOptions; onChange: (f: StormFilter) => void }) {
  const keep = (list: { value: string; label: string }[], value: string) => (!value || list.some((o) => o.value === value) ? list : [...list, { value, label: "(not listed)" }]);
  const selects: Select[] = [
    { key: "range", label: "Time range", width: "w-40", options: RANGES.map(([value, label]) => ({ value, label })) },
    { key: "team", label: "Team", all: "Every team", width: "w-44", options: keep(options.teams, filter.team) },
    { key: "repository", label: "Repository", all: "Every repository", width: "w-56", options: keep(options.repositories, filter.repository) },
    { key: "campaign", label: "Campaign", all: "Every campaign and task", width: "w-52", options: keep(options.campaigns, filter.campaign) },
    { key: "staleDays", label: "Stale after", width: "w-32", options: STALE_DAYS.map((d) => ({ value: d, label: `${d} days idle` })) },
  ];
  return (
    <form role="search" aria-label="Filter the PR-storm dashboard" onSubmit={(e) => e.preventDefault()} className="mb-4 flex flex-wrap items-end gap-2">
      {selects.map((s) => (
        <div key={s.key}>
          <label htmlFor={`storm-${s.key}`} className="block text-xs font-medium text-slate-700">{s.label}</label>
          <select id={`storm-${s.key}`} value={filter[s.key]} onChange={(e) => onChange({ ...filter, [s.key]: e.target.value })} className={inputClass(false, `h-9 ${s.width}`)}>
            {s.all ? <option value="">{s.all}</option> : null}
            {s.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </div>
      ))}
      {!stormFilter.same(filter, stormFilter.defaults) ? <Button variant="ghost" onClick={() => onChange(stormFilter.defaults)}>Clear filters</Button> : null}
    </form>
  );
}
