"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState, type FormEvent } from "react";
import type { TeamView } from "@/server/teams/team-view";
import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { useFormErrors } from "../api/use-form-errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "../ui/dialog";
import { TextField } from "../ui/text-field";
import { useToast } from "../ui/toast";

const FIELDS = ["name", "slug", "description"] as const;

export const slugify = (s: string) => s.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);

export function CreateTeamDialog({ tenant }: { tenant: string }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugTouched, setSlugTouched] = useState(false);
  const [description, setDescription] = useState("");
  const form = useFormErrors(FIELDS);
  const qc = useQueryClient();
  const toast = useToast();

  const mutation = useMutation({
    mutationFn: () => api<TeamView>(tenantPath(tenant, "teams"), { method: "POST", body: { name, slug, description } }),
    onSuccess: async (t) => {
      await qc.invalidateQueries({ queryKey: keys.teams(tenant) });
      toast.success(`Team ${t.name} was created.`);
      setOpen(false);
    },
    onError: form.fail,
  });

  const onOpenChange = (o: boolean) => {
    setOpen(o);
    if (o) {
      setName(""); setSlug(""); setSlugTouched(false); setDescription("");
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
          Create team
        </Button>
      </DialogTrigger>
      <DialogContent title="Create team" description="Teams own repositories; policies and approvals can be scoped to them.">
        <form onSubmit={submit} className="space-y-4" noValidate>
          {form.banner ? <Alert tone="error">{form.banner}</Alert> : null}
          <TextField
            id="team-name"
            label="Name"
            value={name}
            onValue={(v) => { setName(v); if (!slugTouched) setSlug(slugify(v)); }}
            error={form.errors.name}
            required
          />
          <TextField
            id="team-slug"
            label="Slug"
            value={slug}
            onValue={(v) => { setSlug(v); setSlugTouched(true); }}
            error={form.errors.slug}
            hint="Lowercase letters, digits and dashes; used in URLs and policies. It cannot be changed later."
            className="font-mono"
            required
          />
          <TextField id="team-description" label="Description" value={description} onValue={setDescription} error={form.errors.description} optional />
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="primary" disabled={mutation.isPending}>
              {mutation.isPending ? "Creating…" : "Create team"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
