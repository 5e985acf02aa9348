"use client";

import { OctagonX } from "lucide-react";
import { useState, type FormEvent } from "react";
import { api, tenantPath } from "../api/api-client";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { CheckboxGroup } from "../ui/checkbox-group";
import { FormDialog } from "../ui/form-dialog";
import { SelectField } from "../ui/select-field";
import { TextAreaField } from "../ui/textarea-field";
import { useFormDialog } from "../ui/use-form-dialog";
import { CAPABILITIES, CAPABILITY_LABELS, EFFECT_LABELS, KILL_EFFECTS, LEVEL_LABELS } from "./labels";
import type { KillLevel, SetResult } from "./types";

export const switchKeys = { all: (t: string) => ["tenant", t, "kill-switches"] as const, list: (t: string, state: string) => ["tenant", t, "kill-switches", state] as const };

type Values = { level: KillLevel; target: string; effects: string[]; reason: string };
type Repo = { id: string; fullName: string };
type CampaignOption = { id: string; name: string; state: string };

const broad = (l: KillLevel) => l === "tenant" || l === "global";

/**
 * Set a kill switch: its level and target, what it stops, and why. A tenant-wide or global switch
 * stops everything it covers at once, so the dialog asks a second time before sending it.
 */
export function SetSwitchDialog({ tenant, tenantName, repositories, campaigns, canGlobal }: {
  tenant: string; tenantName: string; repositories: Repo[]; campaigns: CampaignOption[]; canGlobal: boolean;
}) {
  const [confirming, setConfirming] = useState(false);
  const dialog = useFormDialog<Values, SetResult>({
    initial: () => ({ level: "repository", target: repositories[0]?.id ?? "", effects: ["new_runs"], reason: "" }),
    submit: (v) => api<SetResult>(tenantPath(tenant, "kill-switches"), {
      method: "POST",
      body: {
        level: v.level, reason: v.reason,
        ...(v.level === "repository" || v.level === "campaign" || v.level === "capability" ? { target: v.target.trim() } : {}),
        effects: v.level === "capability" ? [] : v.effects,
      },
    }),
    invalidates: [switchKeys.all(tenant), ["tenant", tenant, "runs"]],
    notice: (r) => `Kill switch set${r.stoppedWaiting ? `; ${r.stoppedWaiting} waiting run${r.stoppedWaiting === 1 ? "" : "s"} stopped` : ""}.`,
  });
  const { values, set } = dialog;
  const levels: KillLevel[] = [...(canGlobal ? ["global" as const] : []), "tenant", "repository", "campaign", "capability"];
  const changeLevel = (l: string) => {
    const level = l as KillLevel;
    set("level", level);
    set("target", level === "repository" ? repositories[0]?.id ?? "" : level === "campaign" ? campaigns[0]?.id ?? "" : level === "capability" ? CAPABILITIES[0]! : "");
    setConfirming(false);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (broad(values.level) && !confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    dialog.onSubmit(e);
  };
  const scopeWords = values.level === "global" ? "every tenant" : `all of ${tenantName}`;
  return (
    <FormDialog
      dialog={{ ...dialog, onSubmit, onOpenChange: (o) => { setConfirming(false); dialog.onOpenChange(o); } }}
      trigger={<Button variant="danger"><OctagonX aria-hidden="true" className="size-4" />Set a kill switch</Button>}
      title="Set a kill switch"
      description="It takes effect at once and is audited. Releasing a tenant-wide or global switch needs approval."
      wide
      submitLabel={broad(values.level) ? (confirming ? `Yes, stop ${scopeWords}` : "Continue") : "Set kill switch"}
      pendingLabel="Setting…"
      submitVariant="danger"
    >
      <SelectField id="ks-level" label="Level" value={values.level} onValue={changeLevel} error={dialog.errors.level}
        options={levels.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))}
        hint={values.level === "global" ? "Every tenant on the platform." : values.level === "tenant" ? `Everything in ${tenantName}.` : values.level === "capability" ? "Takes one capability away from every run in the tenant." : undefined}
      />
      {values.level === "repository" ? (
        <SelectField id="ks-target" label="Repository" value={values.target} onValue={(v) => set("target", v)} error={dialog.errors.target}
          options={repositories.map((r) => ({ value: r.id, label: r.fullName }))} />
      ) : values.level === "campaign" ? (
        <SelectField id="ks-target" label="Campaign" value={values.target} onValue={(v) => set("target", v)} error={dialog.errors.target}
          hint={campaigns.length ? undefined : "No campaign of this tenant is under way."}
          options={campaigns.map((c) => ({ value: c.id, label: `${c.name} (${c.state.replaceAll("_", " ")})` }))} />
      ) : values.level === "capability" ? (
        <SelectField id="ks-target" label="Capability" value={values.target} onValue={(v) => set("target", v)} error={dialog.errors.target}
          hint={CAPABILITY_LABELS[values.target]?.description}
          options={CAPABILITIES.map((c) => ({ value: c, label: CAPABILITY_LABELS[c]!.label }))} />
      ) : null}
      {values.level !== "capability" ? (
        <CheckboxGroup id="ks-effects" legend="What it stops" value={values.effects} onValue={(v) => set("effects", v)} error={dialog.errors.effects}
          options={KILL_EFFECTS.map((e) => ({ value: e, label: EFFECT_LABELS[e].label, description: EFFECT_LABELS[e].description }))} />
      ) : null}
      <TextAreaField id="ks-reason" label="Reason" rows={2} maxLength={500} required hint="Shown with the switch and to everyone whose work it stops." {...dialog.field("reason")} />
      {confirming ? (
        <Alert tone="warning" title={`This stops ${scopeWords}`}>
          {values.effects.includes("new_runs") ? "No task can be started and no queued run starts. " : ""}
          {values.effects.includes("running") ? "Every waiting run is cancelled now and every executing run within seconds; their GitHub tokens are revoked. " : ""}
          {values.effects.includes("pr_creation") ? "No pull request is opened. " : ""}
          {values.effects.includes("close_drafts") ? "Agent draft PRs are closed with a comment. " : ""}
          Releasing it again needs approval. Press the red button to set it, or Cancel.
        </Alert>
      ) : null}
    </FormDialog>
  );
}
