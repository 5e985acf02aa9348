"use client";

import { useQuery } from "@tanstack/react-query";
import { Pause, Play } from "lucide-react";
import { api, tenantPath } from "../api/api-client";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { formatDateTime, plural } from "../ui/format";
import { FormDialog } from "../ui/form-dialog";
import { TextAreaField } from "../ui/textarea-field";
import { useAfterChange } from "../ui/use-after-change";
import { useFormDialog } from "../ui/use-form-dialog";
import { LIVE_MS, runKeys } from "./run-keys";
import type { SchedulerState } from "./types";

type Scope = "tenant" | "global";

/**
 * Whether the run scheduler holds this tenant's queued runs (its own pause or the global one), and,
 * for those who may, Pause and Resume: queued runs wait while paused; running ones go on.
 */
export function SchedulerControl({ tenant, initial, canPause, canGlobal }: { tenant: string; initial: SchedulerState | null; canPause: boolean; canGlobal: boolean }) {
  const q = useQuery({
    queryKey: runKeys.scheduler(tenant),
    queryFn: ({ signal }) => api<SchedulerState>(tenantPath(tenant, "scheduler"), { signal }),
    initialData: initial ?? undefined,
    refetchInterval: LIVE_MS * 3,
  });
  const s = q.data;
  const pauses = s ? ([["tenant", s.tenant], ["global", s.global]] as const).filter(([, p]) => p) : [];
  return (
    <div className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white px-4 py-2.5 text-sm shadow-xs" aria-live="polite">
      <div className="min-w-0">
        {!s ? (
          <span className="text-slate-600">{q.isError ? "The scheduler's state could not be loaded." : "Loading the scheduler's state…"}</span>
        ) : pauses.length === 0 ? (
          <span className="text-slate-800">
            <span className="mr-1.5 inline-block size-2 rounded-full bg-emerald-600" aria-hidden="true" />
            Scheduler running: queued runs start as workers are free{s.waiting ? ` (${plural(s.waiting, "run")} queued)` : ""}.
          </span>
        ) : (
          pauses.map(([scope, p]) => (
            <p key={scope} className="text-amber-950">
              <span className="mr-1.5 inline-block size-2 rounded-full bg-amber-500" aria-hidden="true" />
              <strong>Scheduler paused {scope === "global" ? "globally (every tenant)" : "for this tenant"}</strong> by {p!.pausedByLabel} on {formatDateTime(p!.pausedAt)}: {p!.reason}.{" "}
              {plural(s.waiting, "queued run")} wait{s.waiting === 1 ? "s" : ""}; running ones go on.
            </p>
          ))
        )}
      </div>
      {canPause && s ? (
        <div className="flex flex-wrap gap-2">
          {s.tenant ? <ResumeButton tenant={tenant} scope="tenant" /> : <PauseButton tenant={tenant} scope="tenant" />}
          {canGlobal ? (s.global ? <ResumeButton tenant={tenant} scope="global" /> : <PauseButton tenant={tenant} scope="global" />) : null}
        </div>
      ) : null}
    </div>
  );
}

function PauseButton({ tenant, scope }: { tenant: string; scope: Scope }) {
  const dialog = useFormDialog({
    initial: () => ({ reason: "" }),
    submit: (v) => api<SchedulerState>(tenantPath(tenant, "scheduler/pause"), { method: "POST", body: { scope, reason: v.reason } }),
    invalidates: [runKeys.all(tenant)],
    notice: () => (scope === "global" ? "The scheduler is paused for every tenant." : "The scheduler is paused for this tenant."),
  });
  return (
    <FormDialog
      dialog={dialog}
      trigger={<Button size="sm"><Pause aria-hidden="true" className="size-3.5" />{scope === "global" ? "Pause globally" : "Pause scheduler"}</Button>}
      title={scope === "global" ? "Pause the scheduler for every tenant?" : "Pause the scheduler for this tenant?"}
      description="Queued runs wait until it is resumed; runs already going on finish. Nothing is refused: tasks can still be started."
      submitLabel="Pause"
      pendingLabel="Pausing…"
    >
      <TextAreaField id="pause-reason" label="Reason" rows={2} maxLength={500} hint="Everyone who sees the runs console reads it." required {...dialog.field("reason")} />
    </FormDialog>
  );
}

function ResumeButton({ tenant, scope }: { tenant: string; scope: Scope }) {
  const afterChange = useAfterChange();
  return (
    <ConfirmDialog
      trigger={<Button size="sm" variant="primary"><Play aria-hidden="true" className="size-3.5" />{scope === "global" ? "Resume globally" : "Resume scheduler"}</Button>}
      title={scope === "global" ? "Resume the scheduler for every tenant?" : "Resume the scheduler for this tenant?"}
      description="The runs that waited are queued again at once."
      confirmLabel="Resume"
      onConfirm={async () => {
        await api(tenantPath(tenant, "scheduler/resume"), { method: "POST", body: { scope } });
        await afterChange([runKeys.all(tenant)], "The scheduler is running again.");
      }}
    />
  );
}
