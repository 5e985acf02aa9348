"use client";

import { Download, RotateCcw, Square } from "lucide-react";
import { useRouter } from "next/navigation";
import { api, tenantPath } from "../api/api-client";
import { Button, buttonClass } from "../ui/button";
import { FormDialog } from "../ui/form-dialog";
import { TextAreaField } from "../ui/textarea-field";
import { useFormDialog } from "../ui/use-form-dialog";
import { runKeys } from "./run-keys";
import type { CancelResult, RetryResult, RunDetail } from "./types";

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

/** Run the same task again as its next attempt (checked against today's policy and switches), then open that run. */
function RetryButton({ tenant, run }: { tenant: string; run: RunDetail["run"] }) {
  const router = useRouter();
  const dialog = useFormDialog({
    initial: () => ({ reason: "" }),
    submit: (v) => api<RetryResult>(tenantPath(tenant, `runs/${run.id}/retry`), { method: "POST", body: v.reason.trim() ? { reason: v.reason.trim() } : {} }),
    invalidates: [runKeys.all(tenant)],
    notice: (r) => {
      router.push(`/${tenant}/runs/${r.runId}`);
      return r.state === "awaiting_approval" ? "The new attempt waits for approval before it starts." : "The new attempt is queued.";
    },
  });
  return (
    <FormDialog
      dialog={dialog}
      trigger={<Button><RotateCcw aria-hidden="true" className="size-4" />Retry</Button>}
      title="Run this task again?"
      description={`A new run of the same task (attempt ${run.attempt + 1}), admitted like a new task: today's policy and kill switches apply. This run stays as it is.`}
      submitLabel="Retry"
      pendingLabel="Starting…"
    >
      <TextAreaField id="retry-reason" label="Reason" optional rows={2} maxLength={500} hint="Shown on the new run's timeline and in the audit trail." {...dialog.field("reason")} />
    </FormDialog>
  );
}

/** What the caller may do with the run: cancel (while it goes on), retry (once it ended) and download its replay package. */
export function RunActions({ tenant, detail }: { tenant: string; detail: RunDetail }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      {detail.can.cancel ? <CancelButton tenant={tenant} run={detail.run} /> : null}
      {detail.can.retry ? <RetryButton tenant={tenant} run={detail.run} /> : null}
      <a href={tenantPath(tenant, `runs/${detail.run.id}/replay`)} download={`run-${detail.run.id}.replay.json`} className={buttonClass("secondary")}>
        <Download aria-hidden="true" className="size-4" />
        Replay package
      </a>
    </div>
  );
}
