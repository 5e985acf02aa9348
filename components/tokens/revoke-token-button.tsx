"use client";

import { useQueryClient } from "@tanstack/react-query";
import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { useToast } from "../ui/toast";
import type { ApiTokenView } from "./types";

export function RevokeTokenButton({ tenant, token }: { tenant: string; token: ApiTokenView }) {
  const qc = useQueryClient();
  const toast = useToast();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50">
          Revoke<span className="sr-only"> token {token.name}</span>
        </Button>
      }
      title={`Revoke token ${token.name}?`}
      description={`Requests with the token ${token.prefix}… are refused from now on. This cannot be undone.`}
      confirmLabel="Revoke token"
      onConfirm={async () => {
        await api(tenantPath(tenant, `tokens/${token.id}`), { method: "DELETE" });
        await qc.invalidateQueries({ queryKey: keys.tokens(tenant) });
        toast.success(`Token ${token.name} was revoked.`);
      }}
    />
  );
}
