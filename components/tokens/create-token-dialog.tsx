"use client";

import { Plus } from "lucide-react";
import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { Button } from "../ui/button";
import { CheckboxGroup } from "../ui/checkbox-group";
import { DialogClose, DialogContent, DialogFooter } from "../ui/dialog";
import { FormDialog } from "../ui/form-dialog";
import { SelectField } from "../ui/select-field";
import { TextField } from "../ui/text-field";
import { useFormDialog } from "../ui/use-form-dialog";
import { TokenSecret } from "./token-secret";
import type { CreatedToken, RoleOption } from "./types";

const EXPIRY = [
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "180", label: "180 days" },
  { value: "365", label: "1 year" },
  { value: "never", label: "Never" },
];

/** Roles offered are those whose permissions the person holds: a token never grants more than its creator. */
export function CreateTokenDialog({ tenant, roleOptions }: { tenant: string; roleOptions: RoleOption[] }) {
  const dialog = useFormDialog({
    initial: () => ({ name: "", roles: roleOptions.slice(0, 1).map((r): string => r.value), expiresInDays: "90" }),
    submit: ({ name, roles, expiresInDays }) =>
      api<CreatedToken>(tenantPath(tenant, "tokens"), {
        method: "POST",
        body: { name, roles, expiresInDays: expiresInDays === "never" ? null : Number(expiresInDays) },
      }),
    invalidates: [keys.tokens(tenant)],
    // The secret is shown once, in this dialog, and dropped as soon as it closes.
    keepOpen: true,
  });

  return (
    <FormDialog
      dialog={dialog}
      trigger={
        <Button variant="primary">
          <Plus aria-hidden="true" className="size-4" />
          Create token
        </Button>
      }
      title="Create API token"
      description="For scripts and CI. The token acts with the roles you give it, and never beyond what you may do yourself."
      wide
      submitLabel="Create token"
      pendingLabel="Creating…"
      outcome={(created) => (
        <DialogContent title="Token created" description={`${created.name} · prefix ${created.prefix}`} wide>
          <TokenSecret name={created.name} token={created.token} />
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="primary">Done</Button>
            </DialogClose>
          </DialogFooter>
        </DialogContent>
      )}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField id="token-name" label="Name" placeholder="ci-deploy" {...dialog.field("name")} required />
        <SelectField id="token-expiry" label="Expires after" {...dialog.field("expiresInDays")} options={EXPIRY} />
      </div>
      <CheckboxGroup
        id="token-roles"
        legend="Roles"
        hint="Only roles whose permissions you hold yourself are offered."
        options={roleOptions}
        {...dialog.field("roles")}
      />
    </FormDialog>
  );
}
