"use client";

import { UserPlus } from "lucide-react";
import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { Button } from "../ui/button";
import { CheckboxGroup } from "../ui/checkbox-group";
import { FormDialog } from "../ui/form-dialog";
import { TextField } from "../ui/text-field";
import { useFormDialog } from "../ui/use-form-dialog";
import type { MemberView, RoleOption } from "./types";

/** canSetPassword: platform admins only (accounts are platform-wide; see server/members/add-member.ts). */
export function AddMemberDialog({ tenant, roleOptions, canSetPassword }: { tenant: string; roleOptions: RoleOption[]; canSetPassword: boolean }) {
  const dialog = useFormDialog({
    initial: () => ({ email: "", name: "", roles: ["viewer"], initialPassword: "" }),
    submit: ({ email, name, roles, initialPassword }) =>
      api<MemberView>(tenantPath(tenant, "members"), {
        method: "POST",
        body: { email, roles, ...(name.trim() ? { name } : {}), ...(initialPassword ? { initialPassword } : {}) },
      }),
    invalidates: [keys.members(tenant)],
    notice: (m) => `${m.email} was added.`,
  });

  return (
    <FormDialog
      dialog={dialog}
      trigger={
        <Button variant="primary">
          <UserPlus aria-hidden="true" className="size-4" />
          Add member
        </Button>
      }
      title="Add member"
      description={canSetPassword
        ? "Give a person access to this tenant. People new to Fleetgate get an account."
        : "Give a person access to this tenant. People new to Fleetgate get an account and sign in with single sign-on."}
      wide
      submitLabel="Add member"
      pendingLabel="Adding…"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField id="member-email" label="E-mail" type="email" autoComplete="off" {...dialog.field("email")} required />
        <TextField id="member-name" label="Name" {...dialog.field("name")} optional hint="Needed when the person is new to Fleetgate." />
      </div>
      <CheckboxGroup id="member-roles" legend="Roles" options={roleOptions} {...dialog.field("roles")} />
      {canSetPassword ? (
        <TextField
          id="member-password"
          label="Initial password"
          type="password"
          autoComplete="new-password"
          {...dialog.field("initialPassword")}
          optional
          hint="Only for a person new to Fleetgate who signs in with a local account: at least 12 characters. Leave empty for single sign-on."
        />
      ) : null}
    </FormDialog>
  );
}
