"use client";

import { UserPlus } from "lucide-react";
import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { Button } from "../ui/button";
import { CheckboxGroup } from "../ui/checkbox-group";
import { FormDialog } from "../ui/form-dialog";
import { TextField } from "../ui/text-field";
import { useFormDialog } from "../ui/use-form-dialog";
import type { InvitationView, RoleOption } from "./types";

/** canSetPassword: the member.set_password permission (platform admins: accounts are platform-wide). */
export function InviteMemberDialog({ tenant, roleOptions, canSetPassword }: { tenant: string; roleOptions: RoleOption[]; canSetPassword: boolean }) {
  const dialog = useFormDialog({
    initial: () => ({ email: "", roles: ["viewer"], name: "", initialPassword: "" }),
    submit: ({ email, roles, name, initialPassword }) =>
      api<InvitationView>(tenantPath(tenant, "members"), {
        method: "POST",
        body: { email, roles, ...(initialPassword ? { initialPassword, ...(name.trim() ? { name } : {}) } : {}) },
      }),
    invalidates: [keys.invitations(tenant)],
    notice: (i) => `${i.email} was invited. They join once they accept.`,
  });

  return (
    <FormDialog
      dialog={dialog}
      trigger={
        <Button variant="primary">
          <UserPlus aria-hidden="true" className="size-4" />
          Invite member
        </Button>
      }
      title="Invite member"
      description="The person sees the invitation when they next sign in, and joins with these roles once they accept it."
      wide
      submitLabel="Send invitation"
      pendingLabel="Inviting…"
    >
      <TextField id="member-email" label="E-mail" type="email" autoComplete="off" {...dialog.field("email")} required />
      <CheckboxGroup id="member-roles" legend="Roles" options={roleOptions} {...dialog.field("roles")} />
      {canSetPassword ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            id="member-password"
            label="Initial password"
            type="password"
            autoComplete="new-password"
            {...dialog.field("initialPassword")}
            optional
            hint="For an address with no account yet, to sign in with a local account: at least 12 characters. Leave empty for single sign-on."
          />
          <TextField id="member-name" label="Name" {...dialog.field("name")} optional hint="The name of an account made with the initial password." />
        </div>
      ) : null}
    </FormDialog>
  );
}
