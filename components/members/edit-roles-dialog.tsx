"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { useFormErrors } from "../api/use-form-errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { CheckboxGroup } from "../ui/checkbox-group";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "../ui/dialog";
import { useToast } from "../ui/toast";
import type { MemberView, RoleOption } from "./types";

const FIELDS = ["roles"] as const;

export function EditRolesDialog({ tenant, member, roleOptions }: { tenant: string; member: MemberView; roleOptions: RoleOption[] }) {
  const [open, setOpen] = useState(false);
  const [roles, setRoles] = useState<string[]>(member.roles);
  const form = useFormErrors(FIELDS);
  const qc = useQueryClient();
  const toast = useToast();

  const mutation = useMutation({
    mutationFn: () => api<MemberView>(tenantPath(tenant, `members/${member.id}`), { method: "PATCH", body: { roles } }),
    onSuccess: async (m) => {
      await qc.invalidateQueries({ queryKey: keys.members(tenant) });
      toast.success(`Roles of ${m.email} were updated.`);
      setOpen(false);
    },
    onError: form.fail,
  });

  const onOpenChange = (o: boolean) => {
    setOpen(o);
    if (o) {
      setRoles(member.roles);
      form.reset();
      mutation.reset();
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    form.reset();
    mutation.mutate();
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          Edit roles<span className="sr-only"> of {member.email}</span>
        </Button>
      </DialogTrigger>
      <DialogContent title={`Edit roles of ${member.name}`} description={`${member.email} · changes take effect at once.`} wide>
        <form onSubmit={submit} className="space-y-4" noValidate>
          {form.banner ? <Alert tone="error">{form.banner}</Alert> : null}
          <CheckboxGroup id={`roles-${member.id}`} legend="Roles" options={roleOptions} value={roles} onChange={setRoles} error={form.errors.roles} />
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="primary" disabled={mutation.isPending}>
              {mutation.isPending ? "Saving…" : "Save roles"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
