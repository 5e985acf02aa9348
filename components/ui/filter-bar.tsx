"use client";

import { Search } from "lucide-react";
import { useEffect, useState, type FormEvent } from "react";
import { Button } from "./button";
import { inputClass } from "./input-class";
import type { Option } from "./select-field";

type Filter = Record<string, string> & { q: string };

export type FilterSelect<K extends string> = { key: K; id: string; label: string; all: string; options: Option[]; width: string };

/**
 * The search box and selects above a list whose filters live in the URL (`value` is read from it,
 * `onChange` writes it). The search text is a draft until submitted and follows the URL when it
 * changes (back button, links); a select applies at once and takes the draft along.
 */
export function FilterBar<F extends Filter>({ label, search, selects, value, onChange }: {
  label: string;
  search: { id: string; label: string; placeholder: string };
  selects: FilterSelect<Exclude<keyof F, "q"> & string>[];
  value: F;
  onChange: (next: F) => void;
}) {
  const [q, setQ] = useState(value.q);
  useEffect(() => setQ(value.q), [value.q]);
  const apply = (patch: Partial<F>) => onChange({ ...value, q: q.trim(), ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply({});
  };
  const clear = () => {
    setQ("");
    onChange(Object.fromEntries(Object.keys(value).map((k) => [k, ""])) as F);
  };
  const active = Boolean(value.q) || selects.some((s) => value[s.key]);
  return (
    <form role="search" aria-label={label} onSubmit={submit} className="mb-3 flex flex-wrap items-end gap-2">
      <div className="relative w-72">
        <label htmlFor={search.id} className="sr-only">{search.label}</label>
        <Search aria-hidden="true" className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-slate-500" />
        <input id={search.id} type="search" placeholder={search.placeholder} value={q} onChange={(e) => setQ(e.target.value)} className={inputClass(false, "h-9 pl-8")} />
      </div>
      {selects.map((s) => (
        <div key={s.key}>
          <label htmlFor={s.id} className="sr-only">{s.label}</label>
          <select id={s.id} value={value[s.key]} onChange={(e) => apply({ [s.key]: e.target.value } as Partial<F>)} className={inputClass(false, `h-9 ${s.width}`)}>
            <option value="">{s.all}</option>
            {s.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </div>
      ))}
      <Button type="submit">Search</Button>
      {active ? <Button variant="ghost" onClick={clear}>Clear filters</Button> : null}
    </form>
  );
}
