"use client";

import { useMutation } from "@tanstack/react-query";
import { Eye, Send } from "lucide-react";
import { useState } from "react";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/text-field";
import type { ActivationRequest, PolicyDetail } from "./types";

type ActivationRequested = Omit<ActivationRequest, "versionNumber"> & { created: boolean };

/** Why the saved draft cannot be published now, or null when it can. */
function blocker(doc: PolicyDetail, dirty: boolean, check: { problems: number; testsPassed: boolean } | null): string | null {
  const v = doc.latest;
  if (doc.pending) return `Version ${doc.pending.versionNumber} is already waiting for activation.`;
  if (v.state !== "draft" && v.state !== "shadow") return `Version ${v.number} is ${v.state}: save a new version to publish a change.`;
  if (dirty) return `You have unsaved changes: publishing acts on saved version ${v.number}. Save first.`;
  if (!check) return "Waiting for the preview…";
  if (check.problems > 0) return "The draft has problems: fix them first.";
  if (!check.testsPassed) return "Some tests fail: a version is published only when all its tests pass.";
  return null;
}

/** Shadow and Request activation for the latest saved version. */
export function PublishActions({ tenant, doc, dirty, check, onDone }: {
  tenant: string; doc: PolicyDetail; dirty: boolean; check: { problems: number; testsPassed: boolean } | null; onDone: (notice: string) => Promise<void>;
}) {
  const [note, setNote] = useState("");
  const v = doc.latest;
  const why = blocker(doc, dirty, check);
  const base = `policies/${doc.id}/versions/${v.number}`;
  const shadow = useMutation({
    mutationFn: () => api(tenantPath(tenant, `${base}/shadow`), { method: "POST" }),
    onSuccess: () => onDone(`Version ${v.number} is now in shadow: decisions record what it would decide.`),
  });
  const request = useMutation({
    mutationFn: () => api<ActivationRequested>(tenantPath(tenant, `${base}/activation`), { method: "POST", body: note.trim() ? { note: note.trim() } : {} }),
    onSuccess: async (r) => {
      setNote("");
      await onDone(r.created ? `Activation of version ${v.number} requested: it waits for approval.` : `Activation of version ${v.number} was already requested; it still waits for approval.`);
    },
  });
  const busy = shadow.isPending || request.isPending;
  const error = shadow.error ?? request.error;
  return (
    <section aria-labelledby="publish-heading" className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
      <h3 id="publish-heading" className="text-sm font-semibold text-slate-900">Publish version {v.number}</h3>
      <p className="mt-0.5 text-xs text-slate-600">
        Shadow runs it alongside the active version without enforcing it. Activation raises an approval request that another policy admin decides.
      </p>
      <div className="mt-3 flex flex-wrap items-end gap-2">
        <div className="min-w-56 flex-1">
          <TextField id="activation-note" label="Note for the approver" optional value={note} onValue={setNote} maxLength={500} disabled={Boolean(why)} />
        </div>
        <Button onClick={() => shadow.mutate()} disabled={Boolean(why) || busy || v.state !== "draft"} aria-describedby={why ? "publish-why" : undefined}>
          <Eye aria-hidden="true" className="size-4" />
          {shadow.isPending ? "Working…" : "Shadow"}
        </Button>
        <Button variant="primary" onClick={() => request.mutate()} disabled={Boolean(why) || busy} aria-describedby={why ? "publish-why" : undefined}>
          <Send aria-hidden="true" className="size-4" />
          {request.isPending ? "Requesting…" : "Request activation"}
        </Button>
      </div>
      {why ? (
        <p id="publish-why" className="mt-2 text-xs text-slate-700">{why}</p>
      ) : v.state === "shadow" ? (
        <p className="mt-2 text-xs text-slate-700">Version {v.number} is already in shadow; request its activation when its disagreements look right.</p>
      ) : null}
      {error ? <Alert tone="error" className="mt-3">{errorMessage(error)}</Alert> : null}
    </section>
  );
}
