"use client";

import { useMutation } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import type { InstallationView, SyncResult } from "@/server/github/installations/installation-view";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { keys } from "../api/query-keys";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { useAfterChange } from "../ui/use-after-change";
import { useToast } from "../ui/toast";

const summary = (r: SyncResult) =>
  `Synced ${r.installation.accountLogin}: ${r.listed} on GitHub; ${r.created} created, ${r.mapped} mapped, ${r.unmapped} unmapped, ${r.unchanged} unchanged.`;

export function SyncNowButton({ tenant, installation }: { tenant: string; installation: InstallationView }) {
  const afterChange = useAfterChange();
  const toast = useToast();
  const sync = useMutation({
    mutationFn: () => api<SyncResult>(tenantPath(tenant, `github/installations/${installation.id}/sync`), { method: "POST" }),
    onSuccess: (r) => afterChange([keys.githubInstallations(tenant), keys.repositories(tenant)], summary(r)),
    onError: (e) => toast.error(`Sync of ${installation.accountLogin} failed: ${errorMessage(e)}`),
  });
  const blocked = installation.deletedAt ? "uninstalled on GitHub" : installation.suspendedAt ? "suspended on GitHub" : null;
  return (
    <Button size="sm" onClick={() => sync.mutate()} disabled={sync.isPending || blocked !== null} title={blocked ? `Cannot sync: ${blocked}` : undefined}>
      <RefreshCw aria-hidden="true" className={cn("size-3.5", sync.isPending && "animate-spin")} />
      {sync.isPending ? "Syncing…" : "Sync now"}
      <span className="sr-only"> {installation.accountLogin}</span>
    </Button>
  );
}
