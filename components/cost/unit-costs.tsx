"use client";

import type { UnitCosts as Units } from "@/server/cost/cost-view";
import { plural } from "../ui/format";
import type { Money } from "./money";

/** Cost per run, per succeeded run and per merged PR, each with what it is an average of. */
export function UnitCosts({ u, money }: { u: Units; money: Money }) {
  const tiles = [
    { label: "Per run", of: plural(u.runs.count, "run") + " finished", x: u.runs },
    { label: "Per succeeded run", of: plural(u.succeeded.count, "succeeded run"), x: u.succeeded },
    { label: "Per merged PR", of: plural(u.mergedPrs.count, "pull request") + " merged (the cost of its run)", x: u.mergedPrs },
  ];
  return (
    <>
      <dl className="grid gap-3 sm:grid-cols-3">
        {tiles.map((t) => (
          <div key={t.label} className="rounded-md border border-slate-200 px-3 py-2">
            <dt className="text-xs font-medium text-slate-600">{t.label}</dt>
            <dd className="mt-0.5 text-xl font-semibold tabular-nums text-slate-900">{t.x.perItemMicros === null ? "—" : money(t.x.perItemMicros)}</dd>
            <dd className="text-xs text-slate-600">{money(t.x.costMicros)} over {t.of}</dd>
          </div>
        ))}
      </dl>
      {u.modelFilterIgnored ? <p className="mt-2 text-xs text-slate-600">A run&apos;s cost is not split by model: these count whole runs, whatever the model filter says.</p> : null}
    </>
  );
}
