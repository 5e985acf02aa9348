"use client";

import { useMutation, type QueryKey } from "@tanstack/react-query";
import { Check, Hourglass, X } from "lucide-react";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { formatDateTime } from "../ui/format";
import { FormDialog } from "../ui/form-dialog";
import { TextField } from "../ui/text-field";
import { useAfterChange } from "../ui/use-after-change";
import { useFormDialog } from "../ui/use-form-dialog";
import type { PublishRequest } from "./types";

type Decide = { decision: "approve" | "reject" | "cancel"; reason?: string };

/**
 * A version waiting for its second policy admin. Others approve or reject (with a reason); the
 * requester may withdraw. The server enforces separation of duties and says so when it refuses.
 */
export function PendingBanner({ tenant, documentId, request, canDecide, me, invalidates }: {
  tenant: string; documentId: string; request: PublishRequest; canDecide: boolean; me: string; invalidates: readonly QueryKey[];
}) {
  const afterChange = useAfterChange();
  const path = tenantPath(tenant, `policies/${documentId}/activation-requests/${request.id}`);
  const decide = (body: Decide) => api<PublishRequest>(path, { method: "POST", body });
  const approve = useMutation({
    mutationFn: () => decide({ decision: "approve" }),
    onSuccess: () => afterChange(invalidates, `Version ${request.versionNumber} is now active.`),
  });
  const reject = useFormDialog({
    initial: () => ({ reason: "" }),
    submit: ({ reason }) => decide({ decision: "reject", reason }),
    invalidates,
    notice: () => `Activation of version ${request.versionNumber} rejected.`,
  });
  const mine = request.requestedByLabel === me;
  // Separation of duties: neither the requester nor the version's author may approve it.
  const authored = !mine && request.versionAuthorLabel === me;
  return (
    <section aria-labelledby="pending-heading" className="rounded-lg border-2 border-amber-400 bg-amber-50 px-4 py-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex gap-2">
          <Hourglass aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-amber-700" />
          <div>
            <h2 id="pending-heading" className="text-sm font-semibold text-amber-950">
              Pending activation — waiting for a second policy admin
            </h2>
            <p className="mt-0.5 text-sm text-amber-950">
              Version {request.versionNumber} requested by <span className="font-medium">{request.requestedByLabel}</span> on {formatDateTime(request.createdAt)}.
              {request.reason ? <> Note: “{request.reason}”</> : null}
            </p>
            {mine ? <p className="mt-0.5 text-xs text-amber-900">You requested it, so another policy admin must approve it.</p> : null}
            {authored ? <p className="mt-0.5 text-xs text-amber-900">You wrote this version, so another policy admin must approve it.</p> : null}
          </div>
        </div>
        {canDecide && !authored ? (
          <div className="flex gap-2">
            {mine ? (
              <ConfirmDialog
                trigger={<Button size="sm">Withdraw request</Button>}
                title={`Withdraw the activation of version ${request.versionNumber}?`}
                description="The version stays saved as it is; you can request its activation again later."
                confirmLabel="Withdraw"
                onConfirm={async () => { await decide({ decision: "cancel" }); await afterChange(invalidates, "Activation request withdrawn."); }}
              />
            ) : (
              <>
                <Button size="sm" variant="primary" onClick={() => approve.mutate()} disabled={approve.isPending}>
                  <Check aria-hidden="true" className="size-3.5" />
                  {approve.isPending ? "Approving…" : `Approve version ${request.versionNumber}`}
                </Button>
                <FormDialog
                  dialog={reject}
                  trigger={<Button size="sm" variant="danger"><X aria-hidden="true" className="size-3.5" />Reject</Button>}
                  title={`Reject version ${request.versionNumber}`}
                  description={`The version stays a draft; ${request.requestedByLabel} sees your reason.`}
                  submitLabel="Reject activation"
                  pendingLabel="Rejecting…"
                >
                  <TextField id="reject-reason" label="Reason" required {...reject.field("reason")} />
                </FormDialog>
              </>
            )}
          </div>
        ) : null}
      </div>
      {approve.error ? <Alert tone="error" className="mt-3">{errorMessage(approve.error)}</Alert> : null}
    </section>
  );
}
