"use client";

import Link from "next/link";
import { api, tenantPath } from "../api/api-client";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { DialogClose, DialogContent } from "../ui/dialog";
import { FormDialog } from "../ui/form-dialog";
import { TextAreaField } from "../ui/textarea-field";
import { useFormDialog } from "../ui/use-form-dialog";
import { switchKeys } from "./set-switch-dialog";
import type { KillSwitchView, ReleaseResult } from "./types";

/**
 * Release a switch with a reason. Where the policy wants approval (tenant-wide and global
 * switches) the switch stays set and the dialog links to the approval request it raised.
 */
export function ReleaseSwitchDialog({ tenant, s, label }: { tenant: string; s: KillSwitchView; label: string }) {
  const dialog = useFormDialog<{ reason: string }, ReleaseResult>({
    initial: () => ({ reason: "" }),
    submit: (v) => api<ReleaseResult>(tenantPath(tenant, `kill-switches/${s.id}/release`), { method: "POST", body: { reason: v.reason } }),
    invalidates: [switchKeys.all(tenant)],
    keepOpen: true,
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
      outcome={(r) => (
        <DialogContent title={r.state === "released" ? "Kill switch released" : "Release waits for approval"}>
          {r.state === "released" ? (
            <Alert tone="success">The {label} kill switch is released; the work it stopped may start again.</Alert>
          ) : (
            <Alert tone="warning" title="The switch stays set until the release is approved">
              An approval request was raised.{" "}
              <Link href={`/${tenant}/approvals/${r.approvalId}`} className="font-medium underline">Open the approval request</Link>
            </Alert>
          )}
          <div className="mt-4 flex justify-end">
            <DialogClose asChild><Button>Close</Button></DialogClose>
          </div>
        </DialogContent>
      )}
    >
      <TextAreaField id={`release-reason-${s.id}`} label="Reason" rows={2} maxLength={500} required hint="Recorded with the switch and in the audit trail." {...dialog.field("reason")} />
    </FormDialog>
  );
}
