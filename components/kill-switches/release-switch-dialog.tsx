"use client";

import { api, tenantPath } from "../api/api-client";
import { Button } from "../ui/button";
import { FormDialog } from "../ui/form-dialog";
import { TextAreaField } from "../ui/textarea-field";
import { useFormDialog } from "../ui/use-form-dialog";
import { switchKeys } from "./set-switch-dialog";
import type { KillSwitchView, ReleaseResult } from "./types";

/**
 * Release a switch with a reason. Where the policy wants approval (tenant-wide and global
 * switches) the switch stays set and an approval request is raised; `onDone` hears the outcome
 * before the list refreshes (the row may leave the list, and this dialog with it).
 */
export function ReleaseSwitchDialog({ tenant, s, label, onDone }: { tenant: string; s: KillSwitchView; label: string; onDone: (r: ReleaseResult, label: string) => void }) {
  const dialog = useFormDialog<{ reason: string }, ReleaseResult>({
    initial: () => ({ reason: "" }),
    submit: async (v) => {
      const r = await api<ReleaseResult>(tenantPath(tenant, `kill-switches/${s.id}/release`), { method: "POST", body: { reason: v.reason } });
      onDone(r, label);
      return r;
    },
    invalidates: [switchKeys.all(tenant)],
  });
  return (
    <FormDialog
      dialog={dialog}
      trigger={<Button size="sm">Release<span className="sr-only"> {label}</span></Button>}
      title={`Release the ${label} kill switch?`}
      description={s.level === "tenant" || s.level === "global"
        ? "Work it stopped may start again. For a switch this broad the policy asks for approval: the switch stays set until someone else approves the release."
        : "Work it stopped may start again at once."}
      submitLabel="Release"
      pendingLabel="Releasing…"
    >
      <TextAreaField id={`release-reason-${s.id}`} label="Reason" rows={2} maxLength={500} required hint="Recorded with the switch and in the audit trail." {...dialog.field("reason")} />
    </FormDialog>
  );
}
