"use client";

import { tenantPath } from "../api/api-client";
import { DangerAction } from "../ui/danger-action";
import { plural } from "../ui/format";
import type { MemberView } from "./types";

export function EndSessionsButton({ tenant, member, isSelf }: { tenant: string; member: MemberView; isSelf: boolean }) {
  return (
    <DangerAction<{ ended: number }>
      label="End sessions"
      subject={`of ${member.email}`}
      title={`Sign ${member.email} out everywhere?`}
      description={
        isSelf
          ? "Every session of yours ends, this one included: you sign in again."
          : `Every session of ${member.name} ends, in every tenant: their next request must sign in again. Their membership and API tokens stay.`
      }
      confirmLabel="End sessions"
      path={tenantPath(tenant, `members/${member.id}/sessions`)}
      invalidates={[]}
      notice={(r) => `${member.email} was signed out everywhere (${plural(r.ended, "session")} ended).`}
      leaveTo={isSelf ? "/signin" : undefined}
    />
  );
}
