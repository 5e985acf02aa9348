"use client";

import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { Button } from "../ui/button";
import { FormDialog } from "../ui/form-dialog";
import { SelectField } from "../ui/select-field";
import { TextField } from "../ui/text-field";
import { useFormDialog } from "../ui/use-form-dialog";
import { profileKeys } from "../verifier-profiles/types";
import { profileOptions, teamOptions, tierOptions } from "./options";
import type { RepositoryView, TeamView, VerifierProfileView } from "./types";

export function EditRepositoryDialog({ tenant, repo, tiers, teams, profiles }: { tenant: string; repo: RepositoryView; tiers: readonly string[]; teams: TeamView[]; profiles: VerifierProfileView[] }) {
  const dialog = useFormDialog({
    initial: () => ({ defaultBranch: repo.defaultBranch, riskTier: repo.riskTier as string, teamId: repo.team?.id ?? "", verifierProfile: repo.verifierProfile }),
    submit: (v) => api<RepositoryView>(tenantPath(tenant, `repositories/${repo.id}`), { method: "PATCH", body: { ...v, teamId: v.teamId || null } }),
    invalidates: [keys.repositories(tenant), keys.teams(tenant), profileKeys.all(tenant)],
    notice: (r) => `${r.fullName} was saved.`,
  });
  const id = (f: string) => `${f}-${repo.id}`;

  return (
    <FormDialog
      dialog={dialog}
      trigger={
        <Button variant="ghost" size="sm">
          Edit<span className="sr-only"> {repo.fullName}</span>
        </Button>
      }
      title={`Edit ${repo.fullName}`}
      description="A new risk tier or verifier profile applies to the next agent run."
      submitLabel="Save changes"
      pendingLabel="Saving…"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField id={id("tier")} label="Risk tier" {...dialog.field("riskTier")} options={tierOptions(tiers)} />
        <SelectField id={id("team")} label="Owning team" {...dialog.field("teamId")} options={teamOptions(teams)} />
      </div>
      <TextField id={id("branch")} label="Default branch" {...dialog.field("defaultBranch")} className="font-mono" />
      <SelectField id={id("profile")} label="Verifier profile" {...dialog.field("verifierProfile")} options={profileOptions(profiles, repo.verifierProfile)}
        hint="The commands that verify an agent's change here (Admin → Verifier profiles)." />
    </FormDialog>
  );
}
