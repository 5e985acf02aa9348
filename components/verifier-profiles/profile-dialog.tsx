"use client";

import { Plus } from "lucide-react";
import { api, tenantPath } from "../api/api-client";
import { keys } from "../api/query-keys";
import { Button } from "../ui/button";
import { FormDialog } from "../ui/form-dialog";
import { TextAreaField } from "../ui/textarea-field";
import { TextField } from "../ui/text-field";
import { useFormDialog } from "../ui/use-form-dialog";
import { StepsEditor } from "./steps-editor";
import { draftOf, newStep, profileKeys, stepOf, type StepDraft, type VerifierProfileView } from "./types";

type Values = { name: string; description: string; steps: StepDraft[] };

/** Adds a profile (no `profile`) or changes one's description and steps (its name is fixed). */
export function ProfileDialog({ tenant, profile }: { tenant: string; profile?: VerifierProfileView }) {
  const editing = profile !== undefined;
  const dialog = useFormDialog<Values, VerifierProfileView>({
    initial: () => (profile
      ? { name: profile.name, description: profile.description, steps: profile.steps.map(draftOf) }
      : { name: "", description: "", steps: [{ ...newStep(), name: "build" }, { ...newStep(), name: "unit-tests" }] }),
    submit: (v) => {
      const steps = v.steps.map(stepOf);
      return editing
        ? api<VerifierProfileView>(tenantPath(tenant, `verifier-profiles/${profile.id}`), { method: "PATCH", body: { description: v.description, steps } })
        : api<VerifierProfileView>(tenantPath(tenant, "verifier-profiles"), { method: "POST", body: { name: v.name.trim(), description: v.description, steps } });
    },
    // Repositories show the profile they name; runs already admitted keep their own copy.
    invalidates: [profileKeys.all(tenant), keys.repositories(tenant)],
    notice: (p) => (editing ? `${p.name} was saved: runs admitted from now on use these steps.` : `${p.name} was added. Pick it for a repository in Admin → Repositories.`),
  });
  const prefix = editing ? `vp-${profile.id}` : "vp-new";
  return (
    <FormDialog
      dialog={dialog}
      trigger={editing ? (
        <Button variant="ghost" size="sm">Edit<span className="sr-only"> {profile.name}</span></Button>
      ) : (
        <Button variant="primary"><Plus aria-hidden="true" className="size-4" />Add profile</Button>
      )}
      title={editing ? `Edit ${profile.name}` : "Add verifier profile"}
      description={editing
        ? "Runs admitted from now on use the new steps; runs already queued or running keep the steps they were admitted with."
        : "Named commands that decide whether an agent's change is verified, for a build system of any kind."}
      wide
      submitLabel={editing ? "Save changes" : "Add profile"}
      pendingLabel="Saving…"
    >
      {editing ? null : (
        <TextField id={`${prefix}-name`} label="Name" placeholder="make-check" className="font-mono" required
          hint="Lowercase letters, digits and '-'. Repositories name their profile by it, so it cannot change later." {...dialog.field("name")} />
      )}
      <TextAreaField id={`${prefix}-description`} label="Description" optional rows={2} {...dialog.field("description")} />
      <StepsEditor idPrefix={prefix} steps={dialog.values.steps} onSteps={(s) => dialog.set("steps", s)} issues={dialog.issues} error={dialog.errors.steps && !dialog.issues.some((i) => /^body\.steps\.\d/.test(i.path)) ? dialog.errors.steps : undefined} />
    </FormDialog>
  );
}
