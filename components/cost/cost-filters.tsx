"use client";

import { TASK_CLASSES, taskClassLabel } from "../runs/labels";
import { Button } from "../ui/button";
import { inputClass } from "../ui/input-class";
import { costFilter, RANGES, type CostOptions, type CostUrlFilter, type Option } from "./cost-filter";

type Select = { key: keyof CostUrlFilter; label: string; all?: string; width: string; options: Option[] };

/**
 * The dashboard's filters; each applies at once and lives in the URL, so a link shows the same view.
 * `shown` is the range the dashboard shows now: choosing days of one's own starts from it.
 */
export function CostFilters({ filter, options, shown, onChange }: { filter: CostUrlFilter; options: CostOptions; shown: { from: string; to: string } | null; onChange: (f: CostUrlFilter) => void }) {
  const keep = (list: Option[], value: string) => (!value || list.some((o) => o.value === value) ? list : [...list, { value, label: "(not listed)" }]);
  const selects: Select[] = [
    { key: "team", label: "Team", all: "Every team", width: "w-40", options: keep(options.teams, filter.team) },
    { key: "campaign", label: "Campaign", all: "Every campaign and task", width: "w-48", options: keep(options.campaigns, filter.campaign) },
    { key: "repository", label: "Repository", all: "Every repository", width: "w-52", options: keep(options.repositories, filter.repository) },
    { key: "taskClass", label: "Task class", all: "Every task class", width: "w-48", options: TASK_CLASSES.map((c) => ({ value: c, label: taskClassLabel(c) })) },
    { key: "model", label: "Model", all: "Every model and resource", width: "w-48", options: keep(options.models, filter.model) },
  ];
  const setRange = (range: CostUrlFilter["range"]) => {
    if (range !== "custom") return onChange({ ...filter, range, from: "", to: "" });
    const today = new Date().toISOString().slice(0, 10);
    onChange({ ...filter, range, from: shown?.from ?? today, to: shown?.to ?? today });
  };
  return (
    <form role="search" aria-label="Filter the cost dashboard" onSubmit={(e) => e.preventDefault()} className="mb-4 flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor="cost-range" className="block text-xs font-medium text-slate-700">Days (UTC)</label>
        <select id="cost-range" value={filter.range} onChange={(e) => setRange(e.target.value as CostUrlFilter["range"])} className={inputClass(false, "h-9 w-40")}>
          {RANGES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </div>
      {filter.range === "custom" ? (["from", "to"] as const).map((k) => (
        <div key={k}>
          <label htmlFor={`cost-${k}`} className="block text-xs font-medium text-slate-700">{k === "from" ? "From" : "To"}</label>
          <input id={`cost-${k}`} type="date" value={filter[k]} max={k === "from" ? filter.to : undefined} min={k === "to" ? filter.from : undefined}
            onChange={(e) => e.target.value && onChange({ ...filter, [k]: e.target.value })} className={inputClass(false, "h-9 w-40")} />
        </div>
      )) : null}
      {selects.map((s) => (
        <div key={s.key}>
          <label htmlFor={`cost-${s.key}`} className="block text-xs font-medium text-slate-700">{s.label}</label>
          <select id={`cost-${s.key}`} value={filter[s.key]} onChange={(e) => onChange({ ...filter, [s.key]: e.target.value })} className={inputClass(false, `h-9 ${s.width}`)}>
            {s.all ? <option value="">{s.all}</option> : null}
            {s.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </div>
      ))}
      {!costFilter.same({ ...filter, groupBy: costFilter.defaults.groupBy, budget: "" }, costFilter.defaults) ? (
        <Button variant="ghost" onClick={() => onChange({ ...costFilter.defaults, groupBy: filter.groupBy })}>Clear filters</Button>
      ) : null}
    </form>
  );
}
