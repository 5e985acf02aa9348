"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
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

const FIELDS = ["name", "description"] as const;

export function EditTeamDialog({ tenant, team }: { tenant: string; team: TeamView }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(team.name);
  const [description, setDescription] = useState(team.description);
  const form = useFormErrors(FIELDS);
  const qc = useQueryClient();
  const toast = useToast();

  const mutation = useMutation({
    mutationFn: () => api<TeamView>(tenantPath(tenant, `teams/${team.id}`), { method: "PATCH", body: { name, description } }),
    onSuccess: async (t) => {
      await qc.invalidateQueries({ queryKey: keys.teams(tenant) });
      await qc.invalidateQueries({ queryKey: keys.repositories(tenant) });
      toast.success(`Team ${t.name} was saved.`);
      setOpen(false);
    },
    onError: form.fail,
  });

  const onOpenChange = (o: boolean) => {
    setOpen(o);
    if (o) {
      setName(team.name); setDescription(team.description);
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
          Rename<span className="sr-only"> team {team.name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent title={`Rename team ${team.name}`} description={<>The slug <code className="font-mono">{team.slug}</code> stays the same.</>}>
        <form onSubmit={submit} className="space-y-4" noValidate>
          {form.banner ? <Alert tone="error">{form.banner}</Alert> : null}
          <TextField id={`team-name-${team.id}`} label="Name" value={name} onValue={setName} error={form.errors.name} required />
          <TextField id={`team-description-${team.id}`} label="Description" value={description} onValue={setDescription} error={form.errors.description} optional />
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="primary" disabled={mutation.isPending}>
              {mutation.isPending ? "Saving…" : "Save"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
