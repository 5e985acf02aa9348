"use client";

import { useQueryClient } from "@tanstack/react-query";
import type { TeamView } from "@/server/teams/team-view";
import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { plural } from "../ui/format";
import { useToast } from "../ui/toast";

export function DeleteTeamButton({ tenant, team }: { tenant: string; team: TeamView }) {
  const qc = useQueryClient();
  const toast = useToast();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50">
          Delete<span className="sr-only"> team {team.name}</span>
        </Button>
      }
      title={`Delete team ${team.name}?`}
      description={
        team.repositoryCount > 0
          ? `Its ${plural(team.repositoryCount, "repository", "repositories")} will have no owning team. The repositories themselves are kept.`
          : "The team owns no repositories. This cannot be undone."
      }
      confirmLabel="Delete team"
      onConfirm={async () => {
        const r = await api<{ unassignedRepositories: number }>(tenantPath(tenant, `teams/${team.id}`), { method: "DELETE" });
        await qc.invalidateQueries({ queryKey: keys.teams(tenant) });
        await qc.invalidateQueries({ queryKey: keys.repositories(tenant) });
        toast.success(`Team ${team.name} was deleted${r.unassignedRepositories ? `; ${plural(r.unassignedRepositories, "repository", "repositories")} no longer have an owning team` : ""}.`);
      }}
    />
  );
}
