"use client";

import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { Button } from "../ui/button";
import { CheckboxGroup } from "../ui/checkbox-group";
import { FormDialog } from "../ui/form-dialog";
import { useFormDialog } from "../ui/use-form-dialog";
import type { MemberView, RoleOption } from "./types";

export function EditRolesDialog({ tenant, member, roleOptions }: { tenant: string; member: MemberView; roleOptions: RoleOption[] }) {
  const dialog = useFormDialog({
    initial: () => ({ roles: member.roles as string[] }),
    submit: ({ roles }) => api<MemberView>(tenantPath(tenant, `members/${member.id}`), { method: "PATCH", body: { roles } }),
    invalidates: [keys.members(tenant)],
    notice: (m) => `Roles of ${m.email} were updated.`,
  });

  return (
    <FormDialog
      dialog={dialog}
      trigger={
        <Button variant="ghost" size="sm">
          Edit roles<span className="sr-only"> of {member.email}</span>
        </Button>
      }
      title={`Edit roles of ${member.name}`}
      description={`${member.email} · changes take effect at once.`}
      wide
      submitLabel="Save roles"
      pendingLabel="Saving…"
    >
      <CheckboxGroup id={`roles-${member.id}`} legend="Roles" options={roleOptions} {...dialog.field("roles")} />
    </FormDialog>
  );
}
