"use client";

import { useQueryClient } from "@tanstack/react-query";
import { History } from "lucide-react";
import { api, tenantPath } from "../api/api-client";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { useToast } from "../ui/toast";
import { policyKeys } from "./policy-keys";
import type { Saved } from "./types";

/** Saves an older version's text again as a new draft; `onDone` loads it into the editor. */
export function RollbackButton({ tenant, documentId, number, onDone }: { tenant: string; documentId: string; number: number; onDone: (saved: Saved) => Promise<void> }) {
  const qc = useQueryClient();
  const toast = useToast();
  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="ghost">
          <History aria-hidden="true" className="size-3.5" />
          Roll back<span className="sr-only"> to version {number}</span>
        </Button>
      }
      title={`Roll back to version ${number}?`}
      description={`Version ${number}'s policy and tests are saved as a new draft version. Nothing is enforced until that draft is activated; unsaved text in the editor is replaced.`}
      confirmLabel={`Roll back to version ${number}`}
      onConfirm={async () => {
        const saved = await api<Saved>(tenantPath(tenant, `policies/${documentId}/versions/${number}/rollback`), { method: "POST", body: {} });
        await qc.invalidateQueries({ queryKey: policyKeys.all(tenant) });
        toast.success(`Version ${saved.number} saved with version ${number}'s text.`);
        await onDone(saved);
      }}
    />
  );
}
