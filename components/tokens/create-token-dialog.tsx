"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState, type FormEvent } from "react";
import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { useFormErrors } from "../api/use-form-errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { CheckboxGroup } from "../ui/checkbox-group";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "../ui/dialog";
import { SelectField } from "../ui/select-field";
import { TextField } from "../ui/text-field";
import { TokenSecret } from "./token-secret";
import type { CreatedToken, RoleOption } from "./types";

const FIELDS = ["name", "roles", "expiresInDays"] as const;
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
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [roles, setRoles] = useState<string[]>([]);
  const [expiry, setExpiry] = useState("90");
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const form = useFormErrors(FIELDS);
  const qc = useQueryClient();

  const mutation = useMutation({
    mutationFn: () =>
      api<CreatedToken>(tenantPath(tenant, "tokens"), {
        method: "POST",
        body: { name, roles, expiresInDays: expiry === "never" ? null : Number(expiry) },
      }),
    onSuccess: async (t) => {
      setCreated(t);
      await qc.invalidateQueries({ queryKey: keys.tokens(tenant) });
    },
    onError: form.fail,
  });

  const onOpenChange = (o: boolean) => {
    setOpen(o);
    // The secret is dropped as soon as the dialog closes.
    setCreated(null);
    if (o) {
      setName(""); setRoles(roleOptions[0] ? [roleOptions[0].value] : []); setExpiry("90");
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
          <Plus aria-hidden="true" className="size-4" />
          Create token
        </Button>
      </DialogTrigger>
      {created ? (
        <DialogContent title="Token created" description={`${created.name} · prefix ${created.prefix}`} wide>
          <TokenSecret name={created.name} token={created.token} />
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="primary">Done</Button>
            </DialogClose>
          </DialogFooter>
        </DialogContent>
      ) : (
        <DialogContent title="Create API token" description="For scripts and CI. The token acts with the roles you give it, and never beyond what you may do yourself." wide>
          <form onSubmit={submit} className="space-y-4" noValidate>
            {form.banner ? <Alert tone="error">{form.banner}</Alert> : null}
            <div className="grid gap-4 sm:grid-cols-2">
              <TextField id="token-name" label="Name" placeholder="ci-deploy" value={name} onValue={setName} error={form.errors.name} required />
              <SelectField id="token-expiry" label="Expires after" value={expiry} onValue={setExpiry} error={form.errors.expiresInDays} options={EXPIRY} />
            </div>
            <CheckboxGroup
              id="token-roles"
              legend="Roles"
              hint="Only roles whose permissions you hold yourself are offered."
              options={roleOptions}
              value={roles}
              onChange={setRoles}
              error={form.errors.roles}
            />
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="secondary">Cancel</Button>
              </DialogClose>
              <Button type="submit" variant="primary" disabled={mutation.isPending}>
                {mutation.isPending ? "Creating…" : "Create token"}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      )}
    </Dialog>
  );
}
