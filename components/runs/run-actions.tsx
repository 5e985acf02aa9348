"use client";

import { Download, Square } from "lucide-react";
import { api, tenantPath } from "../api/api-client";
import { Button, buttonClass } from "../ui/button";
import { FormDialog } from "../ui/form-dialog";
import { TextAreaField } from "../ui/textarea-field";
import { useFormDialog } from "../ui/use-form-dialog";
import { runKeys } from "./run-keys";
import type { CancelResult, RunDetail } from "./types";

/** Stop the run, with a reason (the dialog is the confirmation). */
function CancelButton({ tenant, run }: { tenant: string; run: RunDetail["run"] }) {
  const executing = run.state === "preparing" || run.state === "running" || run.state === "verifying";
  const dialog = useFormDialog({
    initial: () => ({ reason: "" }),
    submit: (v) => api<CancelResult>(tenantPath(tenant, `runs/${run.id}/cancel`), { method: "POST", body: { reason: v.reason } }),
    invalidates: [runKeys.all(tenant)],
    notice: (r) => (r.state === "cancelled" ? "The run is cancelled." : "The run is being stopped; its worker ends it within a few seconds."),
  });
  return (
    <FormDialog
      dialog={dialog}
      trigger={<Button variant="danger"><Square aria-hidden="true" className="size-4" />Cancel run</Button>}
      title="Cancel this run?"
      description={executing
        ? "The agent is working: its worker stops it within a few seconds and kills the command it is running. Nothing it did is kept as a result."
        : "The run has not started working: it ends at once, and its pending approval request is withdrawn."}
      submitLabel="Cancel run"
      pendingLabel="Cancelling…"
      submitVariant="danger"
    >
      <TextAreaField id="cancel-reason" label="Reason" rows={2} maxLength={500} required hint="Recorded on the run's timeline and in the audit trail." {...dialog.field("reason")} />
    </FormDialog>
  );
}

/** What the caller may do with the run: cancel (while it goes on) and download its replay package. */
export function RunActions({ tenant, detail }: { tenant: string; detail: RunDetail }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      {detail.can.cancel ? <CancelButton tenant={tenant} run={detail.run} /> : null}
      <a href={tenantPath(tenant, `runs/${detail.run.id}/replay`)} download={`run-${detail.run.id}.replay.json`} className={buttonClass("secondary")}>
        <Download aria-hidden="true" className="size-4" />
        Replay package
      </a>
    </div>
  );
}
