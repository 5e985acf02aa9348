"use client";

import type { TeamView } from "@/server/teams/team-view";
import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { Button } from "../ui/button";
import { FormDialog } from "../ui/form-dialog";
import { TextField } from "../ui/text-field";
import { useFormDialog } from "../ui/use-form-dialog";

export function EditTeamDialog({ tenant, team }: { tenant: string; team: TeamView }) {
  const dialog = useFormDialog({
    initial: () => ({ name: team.name, description: team.description }),
    submit: (body) => api<TeamView>(tenantPath(tenant, `teams/${team.id}`), { method: "PATCH", body }),
    invalidates: [keys.teams(tenant), keys.repositories(tenant)],
    notice: (t) => `Team ${t.name} was saved.`,
  });

  return (
    <FormDialog
      dialog={dialog}
      trigger={
        <Button variant="ghost" size="sm">
          Rename<span className="sr-only"> team {team.name}</span>
        </Button>
      }
      title={`Rename team ${team.name}`}
      description={<>The slug <code className="font-mono">{team.slug}</code> stays the same.</>}
      submitLabel="Save"
      pendingLabel="Saving…"
    >
      <TextField id={`team-name-${team.id}`} label="Name" {...dialog.field("name")} required />
      <TextField id={`team-description-${team.id}`} label="Description" {...dialog.field("description")} optional />
    </FormDialog>
  );
}
