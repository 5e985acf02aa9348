"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Skeleton } from "../ui/skeleton";
import { blastApiFilter, BlastRadiusFilter, type BlastFilter } from "./blast-radius-filter";
import { BlastKindCard } from "./blast-kind-card";
import { policyKeys } from "./policy-keys";
import type { BlastRadius } from "./types";

/**
 * Replays recorded decisions against the draft. It runs when asked (the filter's button), then
 * follows the draft as it is edited: the text it receives is already debounced.
 */
export function BlastRadiusPanel({ tenant, text, documentId, filter, onFilter, armed, onArm, hasProblems, onResult }: {
  tenant: string; text: { content: string; tests: string }; documentId?: string; filter: BlastFilter; onFilter: (f: BlastFilter) => void;
  armed: boolean; onArm: () => void; hasProblems: boolean; onResult: (r: BlastRadius | undefined) => void;
}) {
  const body = { content: text.content, tests: text.tests, ...(documentId ? { documentId } : {}), filter: blastApiFilter(filter) };
  const query = useQuery({
    queryKey: policyKeys.blast(tenant, body),
    queryFn: ({ signal }) => api<BlastRadius>(tenantPath(tenant, "policy/blast-radius"), { method: "POST", body, signal }),
    enabled: armed && !hasProblems,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 60_000,
  });
  const data = query.data;
  useEffect(() => onResult(armed && !hasProblems ? data : undefined), [data, armed, hasProblems]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <section aria-labelledby="blast-heading" className="space-y-3">
      <div>
        <h3 id="blast-heading" className="text-sm font-semibold text-slate-900">Blast radius</h3>
        <p className="text-xs text-slate-600">Recorded decisions of this tenant, decided again with this draft in place: what would change.</p>
      </div>
      <BlastRadiusFilter value={filter} running={query.isFetching} onApply={(f) => { onFilter(f); onArm(); }} />
      {!armed ? null : hasProblems ? (
        <Alert tone="warning">Fix the draft&apos;s problems to replay decisions against it.</Alert>
      ) : query.isError ? (
        <Alert tone="error" title="The replay failed">{errorMessage(query.error)}</Alert>
      ) : !data ? (
        <div role="status" aria-label="Replaying decisions" className="space-y-2"><Skeleton className="h-14" /><Skeleton className="h-14" /></div>
      ) : (
        <div className="space-y-2" aria-busy={query.isFetching}>
          <p role="status" className="text-sm text-slate-800">
            <span className="font-semibold">{data.changed.toLocaleString("en")}</span> of {data.replayed.toLocaleString("en")} replayed decisions would change
            <span className="text-xs text-slate-600"> · {data.tookMs} ms{query.isFetching ? " · updating…" : ""}</span>
          </p>
          {data.replayed === 0 ? (
            <p className="text-xs text-slate-600">No recorded decision matches this filter. Widen the time window or clear the action.</p>
          ) : data.byKind.length === 0 ? (
            <p className="text-xs text-emerald-800">No recorded decision changes with this draft.</p>
          ) : (
            <ul className="space-y-2">
              {data.byKind.map((k) => <li key={k.kind}><BlastKindCard kind={k} /></li>)}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
