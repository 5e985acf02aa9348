"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog, DialogContent, DialogTrigger } from "../ui/dialog";
import { formatDate, formatDateTime } from "../ui/format";
import { Skeleton } from "../ui/skeleton";
import { budgetKeys, type BudgetDetailView, type BudgetView } from "./types";

const ACTIONS: Record<string, string> = { "budget.create": "Created", "budget.update": "Changed", "budget.archive": "Archived" };

/** A change as "limitMicros: 100000000 → 250000000; mode: soft → hard" (a creation lists what it was made with). */
function changes(before: unknown, after: unknown): string {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = Object.keys(a).filter((k) => k !== "name" || b.name !== a.name);
  const show = (x: unknown) => (Array.isArray(x) ? `[${x.join(", ")}]` : x === null || x === undefined ? "—" : String(x));
  return keys.map((k) => (k in b ? `${k}: ${show(b[k])} → ${show(a[k])}` : `${k}: ${show(a[k])}`)).join("; ");
}

/** Who changed the budget and how (newest first), and what its latest periods spent; loaded when opened. */
export function BudgetHistoryDialog({ tenant, budget }: { tenant: string; budget: BudgetView }) {
  const [open, setOpen] = useState(false);
  const query = useQuery({
    queryKey: budgetKeys.one(tenant, budget.id),
    queryFn: ({ signal }) => api<BudgetDetailView>(tenantPath(tenant, `budgets/${budget.id}`), { signal }),
    enabled: open,
  });
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild><Button variant="ghost" size="sm">History<span className="sr-only"> of budget {budget.name}</span></Button></DialogTrigger>
      <DialogContent title={`History of ${budget.name}`} description="Its changes from the audit trail, newest first, and what its latest periods spent." wide>
        {query.isError ? <Alert tone="error" title="The history could not be loaded">{errorMessage(query.error)}</Alert> : null}
        {query.isPending ? <Skeleton className="h-24 w-full" /> : null}
        {query.data ? (
          <div className="space-y-5">
            <section aria-labelledby={`bh-${budget.id}-changes`}>
              <h3 id={`bh-${budget.id}-changes`} className="mb-2 text-sm font-semibold text-slate-900">Changes</h3>
              <ol className="space-y-2">
                {query.data.history.map((h) => (
                  <li key={h.seq} className="text-sm text-slate-800">
                    <span className="font-medium">{ACTIONS[h.action] ?? h.action}</span> by {h.actorLabel ?? "the system"}
                    <span className="text-xs text-slate-600"> · {formatDateTime(h.at)} · audit #{h.seq}</span>
                    <p className="font-mono text-xs break-words text-slate-600">{changes(h.before, h.after)}</p>
                  </li>
                ))}
              </ol>
              {query.data.history.length === 0 ? <p className="text-sm text-slate-600">No recorded changes (made before the audit trail recorded budgets, e.g. migrated).</p> : null}
            </section>
            <section aria-labelledby={`bh-${budget.id}-periods`}>
              <h3 id={`bh-${budget.id}-periods`} className="mb-2 text-sm font-semibold text-slate-900">Periods</h3>
              {query.data.periods.length === 0 ? <p className="text-sm text-slate-600">Nothing was spent against it yet.</p> : (
                <ul className="space-y-1 text-sm text-slate-800">
                  {query.data.periods.map((p) => (
                    <li key={p.periodKey} className="tabular-nums">
                      <span className="font-medium">{p.periodKey === "life" ? "The campaign's life" : budget.period === "run" ? `Run ${p.periodKey}` : `From ${formatDate(p.startsAt)}`}</span>
                      {" · "}{p.text.spent} spent ({p.percent} %){p.reservedMicros > 0 ? `, ${p.text.reserved} held` : ""}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
