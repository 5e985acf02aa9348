"use client";

import type { InstallationView } from "@/server/github/installations/installation-view";
import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { Button } from "../ui/button";
import { FormDialog } from "../ui/form-dialog";
import { TextField } from "../ui/text-field";
import { useFormDialog } from "../ui/use-form-dialog";

/** A platform admin binds an existing installation to this tenant by GitHub's id. */
export function BindInstallationDialog({ tenant }: { tenant: string }) {
  const dialog = useFormDialog({
    initial: () => ({ installationId: "" }),
    submit: ({ installationId }) => {
      const id = installationId.trim();
      // A number when it is one; anything else goes as typed, for the server to name the field.
      return api<InstallationView>(tenantPath(tenant, "github/installations"), { method: "POST", body: { installationId: /^\d{1,16}$/.test(id) ? Number(id) : id } });
    },
    invalidates: [keys.githubInstallations(tenant)],
    notice: (i) => `Installation ${i.githubId} (${i.accountLogin}) is bound to this tenant; its repositories are being synced.`,
  });
  return (
    <FormDialog
      dialog={dialog}
      trigger={<Button>Bind installation</Button>}
      title="Bind an installation"
      description="Binds an installation of the App to this tenant without the install flow. An installation belongs to one tenant at most; one bound elsewhere must be unbound there first."
      submitLabel="Bind"
      pendingLabel="Binding…"
    >
      <TextField
        id="bind-installation-id"
        label="Installation id"
        hint="GitHub's number for the installation: the end of its settings URL (…/settings/installations/12345678)."
        inputMode="numeric"
        autoComplete="off"
        required
        {...dialog.field("installationId")}
      />
    </FormDialog>
  );
}
