"use client";

import { useQuery } from "@tanstack/react-query";
import { api, tenantPath } from "../api/api-client";
import { ApiError, errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Skeleton } from "../ui/skeleton";
import { UnifiedDiff } from "../ui/unified-diff";
import { runKeys } from "./run-keys";
import type { RunPatch } from "./types";

const counts = (r: Record<string, number>) => Object.entries(r).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k.replaceAll("_", " ")}`).join(", ");

/** The run's patch, redacted for display, highlighted; restricted evidence and "no patch (yet)" said plainly. */
export function RunPatchView({ tenant, runId, hasPatch, open }: { tenant: string; runId: string; hasPatch: boolean; open: boolean }) {
  const q = useQuery({
    queryKey: runKeys.patch(tenant, runId),
    queryFn: ({ signal }) => api<RunPatch>(tenantPath(tenant, `runs/${runId}/patch`), { signal }),
    enabled: hasPatch,
    staleTime: Infinity, // a stored patch never changes
  });
  if (!hasPatch) {
    return <p className="text-sm text-slate-600">{open ? "No patch yet: the diff appears when the agent has finished." : "This run produced no patch."}</p>;
  }
  if (q.isError) {
    const e = q.error;
    if (e instanceof ApiError && e.status === 403) {
      return <Alert tone="warning" title="Restricted evidence">This patch broke the policy&apos;s boundary and is kept as restricted evidence: only people who may read the audit trail see it.</Alert>;
    }
    if (e instanceof ApiError && e.status === 404) return <p className="text-sm text-slate-600">{e.message}</p>;
    return <Alert tone="error" title="The patch could not be loaded">{errorMessage(e)}</Alert>;
  }
  if (!q.data) return <div role="status" aria-label="Loading the patch"><Skeleton className="h-48" /></div>;
  const p = q.data;
  return (
    <div className="space-y-2">
      <p className="flex flex-wrap gap-x-3 text-xs text-slate-700">
        <span>sha256 <span className="font-mono break-all">{p.sha256}</span> (of the stored patch)</span>
        <span>{p.size.toLocaleString("en-US")} bytes</span>
        {counts(p.redactions) ? <span>redacted for display: {counts(p.redactions)}</span> : null}
      </p>
      {p.restricted ? <Alert tone="warning" title="Restricted evidence">This patch broke the policy&apos;s boundary. You see it because you may read the audit trail.</Alert> : null}
      <UnifiedDiff text={p.content} maxHeight="max-h-[40rem]" />
    </div>
  );
}
