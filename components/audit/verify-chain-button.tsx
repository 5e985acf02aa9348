"use client";

import { useMutation } from "@tanstack/react-query";
import { Link2, ShieldCheck } from "lucide-react";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { plural } from "../ui/format";

type Result = { valid: boolean; events: number; brokenAt?: number; problem?: string; headHash?: string };

/** Walks the tenant's hash chain on the server and reports the first break, if any. */
export function VerifyChain({ tenant }: { tenant: string }) {
  const verify = useMutation({ mutationFn: () => api<Result>(tenantPath(tenant, "audit/verify")) });
  const r = verify.data;
  return (
    <section aria-labelledby="chain-heading" className="mb-4 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-start gap-2.5">
          <Link2 aria-hidden="true" className="mt-0.5 size-4 text-slate-500" />
          <div>
            <h2 id="chain-heading" className="text-sm font-semibold text-slate-900">Hash chain</h2>
            <p className="text-xs text-slate-600">Each event carries the hash of the one before it, so a changed or removed event breaks the chain.</p>
          </div>
        </div>
        <Button onClick={() => verify.mutate()} disabled={verify.isPending}>
          <ShieldCheck aria-hidden="true" className="size-4" />
          {verify.isPending ? "Verifying…" : "Verify chain"}
        </Button>
      </div>
      <div aria-live="polite">
        {verify.isError ? <Alert tone="error" className="mt-3" title="Verification could not run">{errorMessage(verify.error)}</Alert> : null}
        {r?.valid ? (
          <Alert tone="success" className="mt-3" title="Chain intact">
            All {plural(r.events, "event")} link to their predecessor and their hashes match.
            {r.headHash ? <span className="mt-1 block font-mono text-xs break-all">Head hash {r.headHash}</span> : null}
          </Alert>
        ) : null}
        {r && !r.valid ? (
          <Alert tone="error" className="mt-3" title={`Chain broken at event #${r.brokenAt ?? "?"}`}>
            {r.problem ?? "The event does not match its recorded hash."} Checked {plural(r.events, "event")}. Treat the trail from this event on as
            untrusted and investigate.
          </Alert>
        ) : null}
      </div>
    </section>
  );
}
