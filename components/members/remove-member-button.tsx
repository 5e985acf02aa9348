"use client";

import { useQueryClient } from "@tanstack/react-query";
import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { useToast } from "../ui/toast";
import type { MemberView } from "./types";

export function RemoveMemberButton({ tenant, tenantName, member, isSelf }: { tenant: string; tenantName: string; member: MemberView; isSelf: boolean }) {
  const qc = useQueryClient();
  const toast = useToast();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50">
          Remove<span className="sr-only"> {member.email}</span>
        </Button>
      }
      title={`Remove ${member.email}?`}
      description={
        isSelf
          ? `You are removing yourself: you lose access to ${tenantName} at once.`
          : `${member.name} loses access to ${tenantName} at once. Their account and the audit trail stay.`
      }
      confirmLabel="Remove member"
      onConfirm={async () => {
        await api(tenantPath(tenant, `members/${member.id}`), { method: "DELETE" });
        if (isSelf) {
          window.location.assign("/");
          return;
        }
        await qc.invalidateQueries({ queryKey: keys.members(tenant) });
        toast.success(`${member.email} was removed.`);
      }}
    />
  );
}
