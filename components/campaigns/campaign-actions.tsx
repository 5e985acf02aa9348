"use client";

import { FastForward, Pause, Play, Rocket, Square } from "lucide-react";
import { api, tenantPath } from "../api/api-client";
import { Button } from "../ui/button";
import { FormDialog } from "../ui/form-dialog";
import { TextAreaField } from "../ui/textarea-field";
import { useFormDialog } from "../ui/use-form-dialog";
import { campaignKeys } from "./campaign-keys";
import type { CampaignDetail, Launched } from "./types";
import type { Promoted } from "./wave-types";

type Verb = "launch" | "promote" | "pause" | "resume" | "abort";
const COPY: Record<Verb, { label: string; pending: string; title: string; field: "reason" | "note"; required: boolean; danger?: true }> = {
  launch: { label: "Launch", pending: "Launching…", title: "Launch this campaign?", field: "note", required: false },
  promote: { label: "Promote next wave", pending: "Promoting…", title: "Promote the next wave now?", field: "note", required: false },
  pause: { label: "Pause", pending: "Pausing…", title: "Pause this campaign?", field: "reason", required: true },
  resume: { label: "Resume", pending: "Resuming…", title: "Resume this campaign?", field: "note", required: false },
  abort: { label: "Abort campaign", pending: "Aborting…", title: "Abort this campaign?", field: "reason", required: true, danger: true },
};
const ICON = { launch: Rocket, promote: FastForward, pause: Pause, resume: Play, abort: Square };

function describe(verb: Verb, c: CampaignDetail): string {
  if (verb === "launch") return `The policy decides every target again. ${c.eligibleCount} eligible targets get a task each and the canary wave's runs are admitted; when the policy wants approval, a request is raised first and nothing starts until it is approved.`;
  if (verb === "promote") return "Once the current wave has finished, its gates are evaluated now rather than at the next check: broken, the campaign pauses; passing, the next wave's runs are admitted (or its promotion approval is asked for). A wave not finished or a soak not over is refused, saying so.";
  if (verb === "pause") return "Its queued runs wait and no wave moves; runs already working go on. Resume to go on.";
  if (verb === "resume") return "Its waiting runs go back to the queue at once. When its wave has finished, the gates are evaluated again: a gate still broken is recorded as your decision to promote the next wave over it.";
  return "This cannot be undone. A launch waiting for approval is withdrawn, runs that have not started are cancelled, running ones are stopped within seconds, and no further wave starts.";
}

function ActionButton({ tenant, campaign, verb }: { tenant: string; campaign: CampaignDetail; verb: Verb }) {
  const copy = COPY[verb];
  const Icon = ICON[verb];
  const dialog = useFormDialog({
    initial: () => ({ [copy.field]: "", closeDrafts: false }) as Record<"reason" | "note", string> & { closeDrafts: boolean },
    submit: (v) => {
      const text = (v[copy.field] ?? "").trim();
      const body = { ...(text || copy.required ? { [copy.field]: text } : {}), ...(verb === "abort" && v.closeDrafts ? { closeDrafts: true } : {}) };
      return api<CampaignDetail | Launched | Promoted>(tenantPath(tenant, `campaigns/${campaign.id}/${verb}`), { method: "POST", body });
    },
    invalidates: [campaignKeys.all(tenant)],
    notice: (r) => {
      if ("promotion" in r) return r.promotion.message;
      const state = "campaign" in r ? r.campaign.state : r.state;
      return state === "awaiting_approval" ? "Launched: it waits for approval before anything starts." : `The campaign is ${state.replace("_", " ")}.`;
    },
  });
  return (
    <FormDialog
      dialog={dialog}
      trigger={<Button variant={copy.danger ? "danger" : verb === "launch" ? "primary" : "secondary"}><Icon aria-hidden="true" className="size-4" />{copy.label}</Button>}
      title={copy.title}
      description={describe(verb, campaign)}
      submitLabel={copy.label}
      pendingLabel={copy.pending}
      submitVariant={copy.danger ? "danger" : "primary"}
    >
      <TextAreaField
        id={`campaign-${verb}-${copy.field}`} label={copy.field === "reason" ? "Reason" : "Note"} optional={!copy.required} required={copy.required}
        rows={2} maxLength={500} hint="Recorded with the campaign's state and in the audit trail." {...dialog.field(copy.field)}
      />
      {verb === "abort" && campaign.launchedAt ? (
        <div className="space-y-1">
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input
              type="checkbox" className="size-4 rounded border-slate-300 accent-indigo-600" checked={dialog.values.closeDrafts}
              aria-describedby="campaign-abort-close-drafts-hint" onChange={(e) => dialog.set("closeDrafts", e.target.checked)}
            />
            Close unmerged drafts
          </label>
          <p id="campaign-abort-close-drafts-hint" className="text-xs text-slate-600">
            Its agent pull requests that are not merged (draft, open or waiting for a person) are closed on GitHub with a comment naming this abort. One a person committed to is left open.
          </p>
          {dialog.errors.closeDrafts ? <p className="text-xs font-medium text-red-700">{dialog.errors.closeDrafts}</p> : null}
        </div>
      ) : null}
    </FormDialog>
  );
}

/** What a campaign.manage holder may do now, by the campaign's state. */
export function CampaignActions({ tenant, campaign }: { tenant: string; campaign: CampaignDetail }) {
  const verbs: Verb[] = campaign.state === "draft" ? ["launch", "abort"]
    : campaign.state === "running" ? ["promote", "pause", "abort"]
      : campaign.state === "paused" ? ["resume", "abort"]
        : campaign.state === "awaiting_approval" ? ["abort"] : [];
  if (!verbs.length) return null;
  return <div className="flex flex-wrap items-center gap-2">{verbs.map((v) => <ActionButton key={v} tenant={tenant} campaign={campaign} verb={v} />)}</div>;
}
