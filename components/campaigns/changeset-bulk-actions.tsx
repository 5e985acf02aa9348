"use client";

import { MessageSquare, RefreshCw, RotateCcw, XCircle } from "lucide-react";
import { api, tenantPath } from "../api/api-client";
import { Button } from "../ui/button";
import { DialogClose, DialogContent, DialogFooter } from "../ui/dialog";
import { FormDialog } from "../ui/form-dialog";
import { plural } from "../ui/format";
import { TextAreaField } from "../ui/textarea-field";
import { useFormDialog } from "../ui/use-form-dialog";
import { campaignKeys } from "./campaign-keys";
import type { BulkAction, BulkResult, CampaignDetail, RetryFailedResult } from "./types";

const COPY: Record<BulkAction, { label: string; pending: string; title: string; icon: typeof RefreshCw; danger?: true; field: "comment" | "reason"; required: boolean; explain: string }> = {
  retry: { label: "Retry", pending: "Retrying…", title: "Retry the selected changesets?", icon: RotateCcw, field: "reason", required: false, explain: "Where the run or its publication failed, a new attempt of the task starts, admitted against the policy in force now. The others are skipped with the reason." },
  rerun: { label: "Re-run on a new base", pending: "Starting…", title: "Re-run on the current default branch?", icon: RefreshCw, field: "reason", required: false, explain: "A new attempt of each task starts from the current default branch and updates its pull request. Merged, closed and edited ones are skipped." },
  comment: { label: "Comment", pending: "Posting…", title: "Comment on the selected pull requests?", icon: MessageSquare, field: "comment", required: true, explain: "The comment is posted on each pull request by the GitHub App, once." },
  close: { label: "Close", pending: "Closing…", title: "Close the selected pull requests?", icon: XCircle, danger: true, field: "comment", required: false, explain: "Each open pull request is closed on GitHub (with the comment, if you write one) and its changeset moves to closed. Merged ones are skipped." },
};

/** What came of each item: counts, then the skipped ones with their reasons. */
function Outcome({ title, counts, skipped }: { title: string; counts: Record<string, number>; skipped: { id: string; message: string }[] }) {
  return (
    <DialogContent title={title} description={Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(" · ")}>
      {skipped.length ? (
        <div className="max-h-64 overflow-y-auto rounded-md border border-slate-200" tabIndex={0} role="region" aria-label="Skipped items">
          <ul className="divide-y divide-slate-100 text-xs">
            {skipped.map((s) => <li key={s.id} className="px-3 py-2"><span className="font-mono text-slate-600">{s.id}</span>: {s.message}</li>)}
          </ul>
        </div>
      ) : <p className="text-sm text-slate-700">Nothing was skipped. GitHub writes run in the background; the table follows them.</p>}
      <DialogFooter>
        <DialogClose asChild><Button variant="primary">Done</Button></DialogClose>
      </DialogFooter>
    </DialogContent>
  );
}

function BulkButton({ tenant, campaign, action, ids }: { tenant: string; campaign: CampaignDetail; action: BulkAction; ids: string[] }) {
  const copy = COPY[action];
  const Icon = copy.icon;
  const dialog = useFormDialog({
    initial: () => ({ [copy.field]: "" }) as Record<"comment" | "reason", string>,
    submit: (v) => {
      const text = (v[copy.field] ?? "").trim();
      return api<BulkResult>(tenantPath(tenant, `campaigns/${campaign.id}/changesets/bulk`), { method: "POST", body: { action, ids, ...(text || copy.required ? { [copy.field]: text } : {}) } });
    },
    invalidates: [campaignKeys.detail(tenant, campaign.id)],
    keepOpen: true,
    notice: (r) => `${copy.label}: ${r.counts.done + r.counts.queued} of ${r.results.length} under way, ${r.counts.skipped} skipped.`,
  });
  return (
    <FormDialog
      dialog={dialog}
      trigger={<Button size="sm" variant={copy.danger ? "danger" : "secondary"}><Icon aria-hidden="true" className="size-3.5" />{copy.label}</Button>}
      title={copy.title}
      description={`${plural(ids.length, "changeset")} selected. ${copy.explain}`}
      submitLabel={copy.label}
      pendingLabel={copy.pending}
      submitVariant={copy.danger ? "danger" : "primary"}
      outcome={(r) => <Outcome title={`${copy.label}: done`} counts={r.counts} skipped={r.results.filter((x) => x.outcome === "skipped")} />}
    >
      <TextAreaField
        id={`bulk-${action}-${copy.field}`} label={copy.field === "comment" ? "Comment" : "Reason"} optional={!copy.required} required={copy.required}
        rows={copy.field === "comment" ? 4 : 2} maxLength={copy.field === "comment" ? 10_000 : 500}
        hint={copy.field === "comment" ? "Posted on each pull request as the GitHub App; recorded in the audit trail." : "Recorded with the new attempts and in the audit trail."}
        {...dialog.field(copy.field)}
      />
    </FormDialog>
  );
}

/** The bar over the table once changesets are selected: each action confirms first and reports every item's outcome. */
export function BulkActionBar({ tenant, campaign, ids, onClear }: { tenant: string; campaign: CampaignDetail; ids: string[]; onClear: () => void }) {
  const startsRuns = campaign.state === "running" || campaign.state === "paused";
  const actions: BulkAction[] = startsRuns ? ["retry", "rerun", "comment", "close"] : ["comment", "close"];
  return (
    <div role="toolbar" aria-label="Bulk actions on the selected changesets" className="flex flex-wrap items-center gap-2 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2">
      <span className="text-sm font-medium text-slate-900">{plural(ids.length, "changeset")} selected</span>
      {actions.map((a) => <BulkButton key={a} tenant={tenant} campaign={campaign} action={a} ids={ids} />)}
      <Button size="sm" variant="ghost" onClick={onClear}>Clear selection</Button>
    </div>
  );
}

/** Retry every failed run of the started waves, after a confirmation. */
export function RetryFailedButton({ tenant, campaign }: { tenant: string; campaign: CampaignDetail }) {
  const dialog = useFormDialog({
    initial: () => ({ reason: "" }),
    submit: (v) => api<RetryFailedResult>(tenantPath(tenant, `campaigns/${campaign.id}/retry-failed`), { method: "POST", body: v.reason.trim() ? { reason: v.reason.trim() } : {} }),
    invalidates: [campaignKeys.detail(tenant, campaign.id)],
    keepOpen: true,
  });
  return (
    <FormDialog
      dialog={dialog}
      trigger={<Button size="sm"><RotateCcw aria-hidden="true" className="size-3.5" />Retry failed</Button>}
      title="Retry every failed run?"
      description="Each task of the started waves whose latest run failed (or whose publication failed) gets a new attempt, admitted against the policy in force now."
      submitLabel="Retry failed"
      pendingLabel="Retrying…"
      outcome={(r) => (
        <Outcome
          title={r.results.length ? "Retry failed: done" : "Nothing had failed"}
          counts={{ ...r.counts, ...(r.remaining ? { "still to retry (ask again)": r.remaining } : {}) }}
          skipped={r.results.filter((x) => x.outcome === "skipped")}
        />
      )}
    >
      <TextAreaField id="retry-failed-reason" label="Reason" optional rows={2} maxLength={500} hint="Recorded with the new attempts and in the audit trail." {...dialog.field("reason")} />
    </FormDialog>
  );
}
