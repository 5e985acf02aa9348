"use client";

import { Plus } from "lucide-react";
import type { TeamView } from "@/server/teams/team-view";
import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { Button } from "../ui/button";
import { FormDialog } from "../ui/form-dialog";
import { TextField } from "../ui/text-field";
import { useFormDialog } from "../ui/use-form-dialog";

export const slugify = (s: string) => s.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);

export function CreateTeamDialog({ tenant }: { tenant: string }) {
  const dialog = useFormDialog({
    // slug null: it follows the name until the person edits it.
    initial: () => ({ name: "", slug: null as string | null, description: "" }),
    submit: ({ name, slug, description }) => api<TeamView>(tenantPath(tenant, "teams"), { method: "POST", body: { name, slug: slug ?? slugify(name), description } }),
    invalidates: [keys.teams(tenant)],
    notice: (t) => `Team ${t.name} was created.`,
  });
  const { name, slug } = dialog.values;

  return (
    <FormDialog
      dialog={dialog}
      trigger={
        <Button variant="primary">
          <Plus aria-hidden="true" className="size-4" />
          Create team
        </Button>
      }
      title="Create team"
      description="Teams own repositories; policies and approvals can be scoped to them."
      submitLabel="Create team"
      pendingLabel="Creating…"
    >
      <TextField id="team-name" label="Name" {...dialog.field("name")} required />
      <TextField
        id="team-slug"
        label="Slug"
        value={slug ?? slugify(name)}
        onValue={(v) => dialog.set("slug", v)}
        error={dialog.errors.slug}
        hint="Lowercase letters, digits and dashes; used in URLs and policies. It cannot be changed later."
        className="font-mono"
        required
      />
      <TextField id="team-description" label="Description" {...dialog.field("description")} optional />
    </FormDialog>
  );
}
