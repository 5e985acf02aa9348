"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { UserPlus } from "lucide-react";
import { useState, type FormEvent } from "react";
import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { useFormErrors } from "../api/use-form-errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { CheckboxGroup } from "../ui/checkbox-group";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "../ui/dialog";
import { TextField } from "../ui/text-field";
import { useToast } from "../ui/toast";
import type { MemberView, RoleOption } from "./types";

const FIELDS = ["email", "name", "roles", "initialPassword"] as const;

export function AddMemberDialog({ tenant, roleOptions }: { tenant: string; roleOptions: RoleOption[] }) {
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [roles, setRoles] = useState<string[]>(["viewer"]);
  const [password, setPassword] = useState("");
  const form = useFormErrors(FIELDS);
  const qc = useQueryClient();
  const toast = useToast();

  const mutation = useMutation({
    mutationFn: () =>
      api<MemberView>(tenantPath(tenant, "members"), {
        method: "POST",
        body: { email, roles, ...(name.trim() ? { name } : {}), ...(password ? { initialPassword: password } : {}) },
      }),
    onSuccess: async (m) => {
      await qc.invalidateQueries({ queryKey: keys.members(tenant) });
      toast.success(`${m.email} was added.`);
      setOpen(false);
    },
    onError: form.fail,
  });

  const onOpenChange = (o: boolean) => {
    setOpen(o);
    if (o) {
      setEmail(""); setName(""); setRoles(["viewer"]); setPassword("");
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
        <Button variant="primary">
          <UserPlus aria-hidden="true" className="size-4" />
          Add member
        </Button>
      </DialogTrigger>
      <DialogContent title="Add member" description="Give a person access to this tenant. People new to Fleetgate get an account." wide>
        <form onSubmit={submit} className="space-y-4" noValidate>
          {form.banner ? <Alert tone="error">{form.banner}</Alert> : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField id="member-email" label="E-mail" type="email" autoComplete="off" value={email} onValue={setEmail} error={form.errors.email} required />
            <TextField id="member-name" label="Name" value={name} onValue={setName} error={form.errors.name} optional hint="Needed when the person is new to Fleetgate." />
          </div>
          <CheckboxGroup
            id="member-roles"
            legend="Roles"
            options={roleOptions}
            value={roles}
            onChange={setRoles}
            error={form.errors.roles}
          />
          <TextField
            id="member-password"
            label="Initial password"
            type="password"
            autoComplete="new-password"
            value={password}
            onValue={setPassword}
            error={form.errors.initialPassword}
            optional
            hint="Only for a person new to Fleetgate who signs in with a local account: at least 12 characters. Leave empty for single sign-on."
          />
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="primary" disabled={mutation.isPending}>
              {mutation.isPending ? "Adding…" : "Add member"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
