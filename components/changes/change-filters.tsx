"use client";

import { useEffect, useState, type FormEvent } from "react";
import { AUTONOMY_LEVELS, autonomyLabel, TASK_CLASSES, taskClassLabel } from "../runs/labels";
import type { RepoOption } from "../runs/types";
import { Button } from "../ui/button";
import { inputClass } from "../ui/input-class";
import { CHANGESET_STATES, changesetStateLabel, CHECKS_STATES, checksLabel, REVIEW_STATES, reviewLabel, RISK_LEVELS, riskLevelLabel } from "./labels";
import { changeFilter, hasFilters, type ChangeListFilter } from "./list-filter";

type SelectKey = Exclude<keyof ChangeListFilter, "campaignId" | "after">;
type Select = { key: SelectKey; label: string; all: string; width: string; options: { value: string; label: string }[] };

/**
 * Filters above the pull requests list. Selects apply at once; the campaign box is a draft until
 * submitted (Enter or Apply) and follows the URL when it changes.
 */
export function ChangeFilters({ filter, repositories, onChange }: { filter: ChangeListFilter; repositories: RepoOption[]; onChange: (f: ChangeListFilter) => void }) {
  const [campaignId, setCampaignId] = useState(filter.campaignId);
  useEffect(() => setCampaignId(filter.campaignId), [filter.campaignId]);
  const apply = (patch: Partial<ChangeListFilter>) => onChange({ ...filter, campaignId: campaignId.trim(), ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply({});
  };
  const clear = () => {
    setCampaignId("");
    onChange(changeFilter.defaults);
  };
  const repoOptions = repositories.some((r) => r.id === filter.repositoryId) || !filter.repositoryId
    ? repositories
    : [...repositories, { id: filter.repositoryId, fullName: "(a repository not listed)", riskTier: "" }];
  const selects: Select[] = [
    { key: "state", label: "State", all: "Any state", width: "w-44", options: CHANGESET_STATES.map((s) => ({ value: s, label: changesetStateLabel(s) })) },
    { key: "repositoryId", label: "Repository", all: "Every repository", width: "w-52", options: repoOptions.map((r) => ({ value: r.id, label: r.fullName })) },
    { key: "taskClass", label: "Task class", all: "Every task class", width: "w-52", options: TASK_CLASSES.map((c) => ({ value: c, label: taskClassLabel(c) })) },
    { key: "mode", label: "Mode", all: "Any mode", width: "w-40", options: AUTONOMY_LEVELS.map((m) => ({ value: m, label: autonomyLabel(m) })) },
    { key: "riskLevel", label: "Risk", all: "Any risk", width: "w-32", options: RISK_LEVELS.map((l) => ({ value: l, label: riskLevelLabel(l) })) },
    { key: "reviewState", label: "Review", all: "Any review", width: "w-44", options: REVIEW_STATES.map((s) => ({ value: s, label: reviewLabel(s) })) },
    { key: "checksState", label: "Checks", all: "Any checks", width: "w-36", options: CHECKS_STATES.map((s) => ({ value: s, label: checksLabel(s) })) },
  ];
  return (
    <form role="search" aria-label="Filter pull requests" onSubmit={submit} className="mb-3 flex flex-wrap items-end gap-2">
      {selects.map((s) => (
        <div key={s.key}>
          <label htmlFor={`change-${s.key}`} className="block text-xs font-medium text-slate-700">{s.label}</label>
          <select id={`change-${s.key}`} value={filter[s.key]} onChange={(e) => apply({ [s.key]: e.target.value })} className={inputClass(false, `h-9 ${s.width}`)}>
            <option value="">{s.all}</option>
            {s.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </div>
      ))}
      <div>
        <label htmlFor="change-campaign" className="block text-xs font-medium text-slate-700">Campaign id</label>
        <input id="change-campaign" type="search" value={campaignId} onChange={(e) => setCampaignId(e.target.value)} className={inputClass(false, "h-9 w-36 font-mono")} />
      </div>
      <Button type="submit">Apply</Button>
      {hasFilters(filter) ? <Button variant="ghost" onClick={clear}>Clear filters</Button> : null}
    </form>
  );
}
