"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
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
import { useTeams } from "../teams/use-teams";
import type { RepositoryView, TeamView } from "./types";

const FIELDS = ["owner", "name", "defaultBranch", "riskTier", "teamId"] as const;

export function RegisterRepositoryDialog({ tenant, tiers, initialTeams }: { tenant: string; tiers: readonly string[]; initialTeams: TeamView[] }) {
  const teams = useTeams(tenant, initialTeams);
  const [open, setOpen] = useState(false);
  const [owner, setOwner] = useState("");
  const [name, setName] = useState("");
  const [branch, setBranch] = useState("main");
  const [tier, setTier] = useState("standard");
  const [teamId, setTeamId] = useState("");
  const form = useFormErrors(FIELDS);
  const qc = useQueryClient();
  const toast = useToast();

  const mutation = useMutation({
    mutationFn: () =>
      api<RepositoryView>(tenantPath(tenant, "repositories"), {
        method: "POST",
        body: { owner, name, defaultBranch: branch, riskTier: tier, teamId: teamId || null },
      }),
    onSuccess: async (r) => {
      await qc.invalidateQueries({ queryKey: keys.repositories(tenant) });
      await qc.invalidateQueries({ queryKey: keys.teams(tenant) });
      toast.success(`${r.fullName} was registered as ${r.riskTier} risk.`);
      setOpen(false);
    },
    onError: form.fail,
  });

  const onOpenChange = (o: boolean) => {
    setOpen(o);
    if (o) {
      setOwner(""); setName(""); setBranch("main"); setTier("standard"); setTeamId("");
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
          Register repository
        </Button>
      </DialogTrigger>
      <DialogContent title="Register repository" description="Agents may only work on registered repositories; the risk tier decides how much review a change needs.">
        <form onSubmit={submit} className="space-y-4" noValidate>
          {form.banner ? <Alert tone="error">{form.banner}</Alert> : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField id="repo-owner" label="Owner" placeholder="acme" value={owner} onValue={setOwner} error={form.errors.owner} hint="GitHub organisation or user." required />
            <TextField id="repo-name" label="Name" placeholder="payment-service" value={name} onValue={setName} error={form.errors.name} required />
          </div>
          <TextField id="repo-branch" label="Default branch" value={branch} onValue={setBranch} error={form.errors.defaultBranch} className="font-mono" />
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField id="repo-tier-new" label="Risk tier" value={tier} onValue={setTier} error={form.errors.riskTier} options={tiers.map((t) => ({ value: t, label: t }))} />
            <SelectField
              id="repo-team-new"
              label="Owning team"
              value={teamId}
              onValue={setTeamId}
              error={form.errors.teamId}
              options={[{ value: "", label: "No team" }, ...teams.map((t) => ({ value: t.id, label: t.name }))]}
            />
          </div>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button type="submit" variant="primary" disabled={mutation.isPending}>
              {mutation.isPending ? "Registering…" : "Register repository"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
