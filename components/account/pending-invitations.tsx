"use client";

import { MailOpen } from "lucide-react";
import { useState } from "react";
import { api } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { RoleBadges } from "../members/role-badges";
import type { MyInvitationView, RoleOption } from "../members/types";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { formatDate } from "../ui/format";

/**
 * Invitations to the signed-in person's address, each with Accept and Decline. Accepting opens the
 * tenant; nothing is shown when none waits.
 */
export function PendingInvitations({ initial, roleOptions }: { initial: MyInvitationView[]; roleOptions: RoleOption[] }) {
  const [invitations, setInvitations] = useState(initial);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (invitations.length === 0) return null;

  const answer = async (i: MyInvitationView, verb: "accept" | "decline") => {
    setBusy(i.id);
    setError(null);
    try {
      await api(`/api/v1/me/invitations/${encodeURIComponent(i.id)}/${verb}`, { method: "POST" });
      if (verb === "accept") {
        window.location.assign(`/${i.tenant.slug}`);
        return;
      }
      setInvitations((list) => list.filter((x) => x.id !== i.id));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="invitations-heading" className="mb-6 rounded-lg border border-indigo-200 bg-indigo-50/60 p-4">
      <h2 id="invitations-heading" className="flex items-center gap-2 text-sm font-semibold text-slate-900">
        <MailOpen aria-hidden="true" className="size-4 text-indigo-700" />
        Invitations waiting for your answer
      </h2>
      {error ? <Alert tone="error" className="mt-3">{error}</Alert> : null}
      <ul className="mt-3 space-y-2">
        {invitations.map((i) => (
          <li key={i.id} aria-label={`Invitation to ${i.tenant.name}`} className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-slate-200 bg-white px-3 py-2">
            <div className="min-w-0 space-y-1">
              <p className="text-sm text-slate-900">
                <span className="font-medium">{i.tenant.name}</span> invites you
                <span className="text-slate-600"> · from {i.invitedBy} · answer by {formatDate(i.expiresAt)}</span>
              </p>
              <RoleBadges roles={i.roles} options={roleOptions} />
            </div>
            <div className="flex gap-2">
              <Button variant="secondary" size="sm" disabled={busy !== null} onClick={() => void answer(i, "decline")}>
                Decline<span className="sr-only"> the invitation to {i.tenant.name}</span>
              </Button>
              <Button variant="primary" size="sm" disabled={busy !== null} onClick={() => void answer(i, "accept")}>
                Accept<span className="sr-only"> the invitation to {i.tenant.name}</span>
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
