"use client";

import { useQuery } from "@tanstack/react-query";
import { Eye } from "lucide-react";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { DecisionBadge } from "../audit/decision-badge";
import { formatDateTime } from "../ui/format";
import { Skeleton } from "../ui/skeleton";
import { policyKeys } from "./policy-keys";
import type { DecisionList } from "./types";

/** While a version is in shadow: how often shadow and active decided differently, with recent examples. */
export function ShadowDisagreements({ tenant, policy, shadowNumber }: { tenant: string; policy: string; shadowNumber: number }) {
  const q = useQuery({
    queryKey: policyKeys.disagreements(tenant, policy),
    queryFn: ({ signal }) => api<DecisionList>(tenantPath(tenant, "policy/decisions", { disagreement: "true", policy, limit: 5 }), { signal }),
  });
  return (
    <section aria-labelledby="shadow-heading" className="rounded-lg border border-violet-200 bg-violet-50/60 px-4 py-3">
      <h2 id="shadow-heading" className="flex items-center gap-1.5 text-sm font-semibold text-violet-950">
        <Eye aria-hidden="true" className="size-4" />
        Version {shadowNumber} is in shadow
      </h2>
      {q.isError ? (
        <p className="mt-1 text-sm text-red-800">Disagreements could not be loaded: {errorMessage(q.error)}</p>
      ) : !q.data ? (
        <div role="status" aria-label="Loading shadow disagreements"><Skeleton className="mt-2 h-4 w-72" /></div>
      ) : (
        <>
          <p className="mt-1 text-sm text-violet-950" data-testid="shadow-disagreements">
            {q.data.shadowDisagreements === 0
              ? "No recorded decision so far where this policy's shadow version decided differently from the active policy."
              : `${q.data.shadowDisagreements.toLocaleString("en")} recorded decisions where a rule of this policy decided and the shadow version decided differently from the active policy.`}
          </p>
          {q.data.records.length ? (
            <ul className="mt-2 space-y-1" aria-label="Recent disagreements">
              {q.data.records.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center gap-2 text-xs text-slate-800">
                  <span className="font-mono text-slate-600">#{r.id}</span>
                  <span className="whitespace-nowrap">{formatDateTime(r.createdAt)}</span>
                  <span className="font-mono">{r.action}</span>
                  <span>active</span><DecisionBadge decision={r.decision} />
                  <span className="font-mono text-slate-600">{r.decidingRule ?? "no rule"}</span>
                  <span>shadow</span>{r.shadowDecision ? <DecisionBadge decision={r.shadowDecision} /> : null}
                  <span className="font-mono text-slate-600">{r.shadowRule ?? "no rule"}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}
