"use client";

import { tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { DangerAction } from "../ui/danger-action";
import type { MemberView } from "./types";

export function RemoveMemberButton({ tenant, tenantName, member, isSelf }: { tenant: string; tenantName: string; member: MemberView; isSelf: boolean }) {
  return (
    <DangerAction
      label="Remove"
      subject={member.email}
      title={`Remove ${member.email}?`}
      description={
        isSelf
          ? `You are removing yourself: you lose access to ${tenantName} at once.`
          : `${member.name} loses access to ${tenantName} at once. Their account and the audit trail stay.`
      }
      confirmLabel="Remove member"
      path={tenantPath(tenant, `members/${member.id}`)}
      invalidates={[keys.members(tenant)]}
      notice={() => `${member.email} was removed.`}
      leaveTo={isSelf ? "/" : undefined}
    />
  );
}
