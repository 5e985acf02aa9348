"use client";

import { useQueryClient } from "@tanstack/react-query";
import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { useToast } from "../ui/toast";
import type { RepositoryView } from "./types";

export function DeleteRepositoryButton({ tenant, repo }: { tenant: string; repo: RepositoryView }) {
  const qc = useQueryClient();
  const toast = useToast();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50">
          Delete<span className="sr-only"> {repo.fullName}</span>
        </Button>
      }
      title={`Delete ${repo.fullName}?`}
      description="Fleetgate forgets the repository: agents can no longer work on it. The repository on GitHub is not touched, and the audit trail keeps its history."
      confirmLabel="Delete repository"
      onConfirm={async () => {
        await api(tenantPath(tenant, `repositories/${repo.id}`), { method: "DELETE" });
        await qc.invalidateQueries({ queryKey: keys.repositories(tenant) });
        await qc.invalidateQueries({ queryKey: keys.teams(tenant) });
        toast.success(`${repo.fullName} was deleted.`);
      }}
    />
  );
}
