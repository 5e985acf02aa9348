"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { useFormErrors } from "../api/use-form-errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "../ui/dialog";
import { SelectField } from "../ui/select-field";
import { TextField } from "../ui/text-field";
import { useToast } from "../ui/toast";
import type { RepositoryView, TeamView } from "./types";

const FIELDS = ["defaultBranch", "riskTier", "teamId"] as const;

export function EditRepositoryDialog({ tenant, repo, tiers, teams }: { tenant: string; repo: RepositoryView; tiers: readonly string[]; teams: TeamView[] }) {
  const [open, setOpen] = useState(false);
  const [branch, setBranch] = useState(repo.defaultBranch);
  const [tier, setTier] = useState<string>(repo.riskTier);
  const [teamId, setTeamId] = useState(repo.team?.id ?? "");
  const form = useFormErrors(FIELDS);
  const qc = useQueryClient();
  const toast = useToast();

  const mutation = useMutation({
    mutationFn: () =>
      api<RepositoryView>(tenantPath(tenant, `repositories/${repo.id}`), {
        method: "PATCH",
        body: { defaultBranch: branch, riskTier: tier, teamId: teamId || null },
      }),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: keys.repositories(tenant) });
      await qc.invalidateQueries({ queryKey: keys.teams(tenant) });
      toast.success(`${r.fullName} was saved.`);
      setOpen(false);
    },
    onError: form.fail,
  });

  const onOpenChange = (o: boolean) => {
    setOpen(o);
    if (o) {
      setBranch(repo.defaultBranch); setTier(repo.riskTier); setTeamId(repo.team?.id ?? "");
      form.reset();
      mutation.reset();
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    form.reset();
    mutation.mutate();
  };
  const id = (f: string) => `${f}-${repo.id}`;

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          Edit<span className="sr-only"> {repo.fullName}</span>
        </Button>
      </DialogTrigger>
      <DialogContent title={`Edit ${repo.fullName}`} description="A new risk tier applies to the next agent run.">
        <form onSubmit={submit} className="space-y-4" noValidate>
          {form.banner ? <Alert tone="error">{form.banner}</Alert> : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField id={id("tier")} label="Risk tier" value={tier} onValue={setTier} error={form.errors.riskTier} options={tiers.map((t) => ({ value: t, label: t }))} />
            <SelectField
              id={id("team")}
              label="Owning team"
              value={teamId}
              onValue={setTeamId}
              error={form.errors.teamId}
              options={[{ value: "", label: "No team" }, ...teams.map((t) => ({ value: t.id, label: t.name }))]}
            />
          </div>
          <TextField id={id("branch")} label="Default branch" value={branch} onValue={setBranch} error={form.errors.defaultBranch} className="font-mono" />
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="primary" disabled={mutation.isPending}>
              {mutation.isPending ? "Saving…" : "Save changes"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
