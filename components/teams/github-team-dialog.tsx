"use client";

import type { TeamView } from "@/server/teams/team-view";
import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { Button } from "../ui/button";
import { FormDialog } from "../ui/form-dialog";
import { TextField } from "../ui/text-field";
import { useFormDialog } from "../ui/use-form-dialog";

/** Links a team to its GitHub team (slug in the installation's organization); an empty field unlinks. */
export function GithubTeamDialog({ tenant, team }: { tenant: string; team: TeamView }) {
  const dialog = useFormDialog({
    initial: () => ({ githubTeam: team.githubTeam ?? "" }),
    submit: ({ githubTeam }) => api<TeamView>(tenantPath(tenant, `teams/${team.id}/github-team`), { method: "PUT", body: { githubTeam: githubTeam.trim() || null } }),
    invalidates: [keys.teams(tenant)],
    notice: (t) => (t.githubTeam ? `Team ${t.name} is linked to GitHub team ${t.githubTeam}.` : `Team ${t.name} is no longer linked to a GitHub team.`),
  });

  return (
    <FormDialog
      dialog={dialog}
      trigger={
        <Button variant="ghost" size="sm">
          GitHub team<span className="sr-only"> of team {team.name}</span>
        </Button>
      }
      title={`GitHub team of ${team.name}`}
      description="Its members are asked to review agent PRs on this team's repositories. Leave empty to unlink."
      submitLabel="Save"
      pendingLabel="Saving…"
    >
      <TextField
        id={`github-team-${team.id}`}
        label="GitHub team slug"
        hint="The slug in the organization, without it: platform-team, not @acme/platform-team."
        autoComplete="off"
        spellCheck={false}
        maxLength={100}
        optional
        {...dialog.field("githubTeam")}
      />
    </FormDialog>
  );
}
