"use client";

import type { TeamView } from "@/server/teams/team-view";
import { tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { DangerAction } from "../ui/danger-action";
import { plural } from "../ui/format";

export function DeleteTeamButton({ tenant, team }: { tenant: string; team: TeamView }) {
  const repositories = (n: number) => plural(n, "repository", "repositories");
  return (
    <DangerAction<{ unassignedRepositories: number }>
      label="Delete"
      subject={`team ${team.name}`}
      title={`Delete team ${team.name}?`}
      description={
        team.repositoryCount > 0
          ? `Its ${repositories(team.repositoryCount)} will have no owning team. The repositories themselves are kept.`
          : "The team owns no repositories. This cannot be undone."
      }
      confirmLabel="Delete team"
      path={tenantPath(tenant, `teams/${team.id}`)}
      invalidates={[keys.teams(tenant), keys.repositories(tenant)]}
      notice={(r) => `Team ${team.name} was deleted${r.unassignedRepositories ? `; ${repositories(r.unassignedRepositories)} no longer have an owning team` : ""}.`}
    />
  );
}
