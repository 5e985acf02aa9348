"use client";

import type { QueryKey } from "@tanstack/react-query";
import { ArrowRight, Hourglass } from "lucide-react";
import Link from "next/link";
import { api, tenantPath } from "../api/api-client";
import { approvalKeys } from "../approvals/approval-keys";
import { TimeLeft } from "../ui/time-left";
import { Button, buttonClass } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { formatDateTime, plural } from "../ui/format";
import { useAfterChange } from "../ui/use-after-change";
import type { ActivationRequest } from "./types";

/**
 * A version waiting for activation. It is an approval request: eligible people decide it on its
 * own page (with the diff, the rule and who else may approve); the requester may withdraw it here.
 * The server enforces separation of duties; the banner only says what it will say.
 */
export function PendingBanner({ tenant, request, canOpen, me, invalidates }: {
  tenant: string; request: ActivationRequest; canOpen: boolean; me: string; invalidates: readonly QueryKey[];
}) {
  const afterChange = useAfterChange();
  const mine = request.requesterLabel === me;
  const authored = !mine && request.subjectAuthorLabel === me;
  const href = `/${tenant}/approvals/${request.id}`;
  const who = request.kind === "platform_policy_activation" ? "a platform admin" : "another policy admin";
  return (
    <section aria-labelledby="pending-heading" className="rounded-lg border-2 border-amber-400 bg-amber-50 px-4 py-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex gap-2">
          <Hourglass aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-amber-700" />
          <div className="text-sm text-amber-950">
            <h2 id="pending-heading" className="font-semibold">Pending activation — waiting for approval</h2>
            <p className="mt-0.5">
              Version {request.versionNumber} requested by <span className="font-medium">{request.requesterLabel}</span> on {formatDateTime(request.createdAt)};
              it waits for {who} ({plural(request.approvals, "approval")} so far). <TimeLeft expiresAt={request.expiresAt} className="text-amber-950" />
            </p>
            {mine ? <p className="mt-0.5 text-xs text-amber-900">You requested it, so someone else must approve it.</p> : null}
            {authored ? <p className="mt-0.5 text-xs text-amber-900">You wrote this version, so someone else must approve it.</p> : null}
          </div>
        </div>
        <div className="flex gap-2">
          {mine ? (
            <ConfirmDialog
              trigger={<Button size="sm">Withdraw request</Button>}
              title={`Withdraw the activation of version ${request.versionNumber}?`}
              description="The version stays saved as it is; you can request its activation again later."
              confirmLabel="Withdraw"
              onConfirm={async () => {
                await api(tenantPath(tenant, `approvals/${request.id}/cancel`), { method: "POST", body: {} });
                await afterChange([...invalidates, approvalKeys.all(tenant)], "Activation request withdrawn.");
              }}
            />
          ) : null}
          {canOpen ? (
            <Link href={href} className={buttonClass(mine || authored ? "secondary" : "primary", "sm")}>
              {mine || authored ? "Open the request" : "Review and decide"}
              <ArrowRight aria-hidden="true" className="size-3.5" />
            </Link>
          ) : null}
        </div>
      </div>
    </section>
  );
}
