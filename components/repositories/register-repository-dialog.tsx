"use client";

import { Plus } from "lucide-react";
import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { useTeams } from "../teams/use-teams";
import { Button } from "../ui/button";
import { FormDialog } from "../ui/form-dialog";
import { SelectField } from "../ui/select-field";
import { TextField } from "../ui/text-field";
import { useFormDialog } from "../ui/use-form-dialog";
import { profileKeys } from "../verifier-profiles/types";
import { useVerifierProfiles } from "../verifier-profiles/use-verifier-profiles";
import { profileOptions, teamOptions, tierOptions } from "./options";
import type { RepositoryView, TeamView, VerifierProfileView } from "./types";

export function RegisterRepositoryDialog({ tenant, tiers, initialTeams, initialProfiles }: {
  tenant: string; tiers: readonly string[]; initialTeams: TeamView[]; initialProfiles: VerifierProfileView[];
}) {
  const teams = useTeams(tenant, initialTeams);
  const profiles = useVerifierProfiles(tenant, initialProfiles);
  const dialog = useFormDialog({
    initial: () => ({ owner: "", name: "", defaultBranch: "main", riskTier: "standard", teamId: "", verifierProfile: profiles.some((p) => p.name === "none") ? "none" : profiles[0]?.name ?? "" }),
    submit: (v) => api<RepositoryView>(tenantPath(tenant, "repositories"), { method: "POST", body: { ...v, teamId: v.teamId || null } }),
    invalidates: [keys.repositories(tenant), keys.teams(tenant), profileKeys.all(tenant)],
    notice: (r) => `${r.fullName} was registered as ${r.riskTier} risk.`,
  });

  return (
    <FormDialog
      dialog={dialog}
      trigger={
        <Button variant="primary">
          <Plus aria-hidden="true" className="size-4" />
          Register repository
        </Button>
      }
      title="Register repository"
      description="Agents may only work on registered repositories; the risk tier decides how much review a change needs."
      submitLabel="Register repository"
      pendingLabel="Registering…"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField id="repo-owner" label="Owner" placeholder="acme" {...dialog.field("owner")} hint="GitHub organisation or user." required />
        <TextField id="repo-name" label="Name" placeholder="payment-service" {...dialog.field("name")} required />
      </div>
      <TextField id="repo-branch" label="Default branch" {...dialog.field("defaultBranch")} className="font-mono" />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField id="repo-tier-new" label="Risk tier" {...dialog.field("riskTier")} options={tierOptions(tiers)} />
        <SelectField id="repo-team-new" label="Owning team" {...dialog.field("teamId")} options={teamOptions(teams)} />
      </div>
      <SelectField id="repo-profile-new" label="Verifier profile" {...dialog.field("verifierProfile")} options={profileOptions(profiles)}
        hint="The commands that verify an agent's change here (Admin → Verifier profiles)." />
    </FormDialog>
  );
}
