"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Check, Undo2, X } from "lucide-react";
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from "react";
import { api, tenantPath } from "../api/api-client";
import { ApiError, errorMessage } from "../api/api-error";
import { policyKeys } from "../policy/policy-keys";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { FormDialog } from "../ui/form-dialog";
import { inputClass } from "../ui/input-class";
import { TextField } from "../ui/text-field";
import { useFormDialog } from "../ui/use-form-dialog";
import { useToast } from "../ui/toast";
import { approvalKeys } from "./approval-keys";
import type { ApprovalDetail, VoteResult } from "./types";

type Vote = "approve" | "deny";

/** Typing in a field, or a dialog on top: single-letter shortcuts must not fire. */
function typingOrDialog(target: EventTarget | null): boolean {
  const el = target instanceof HTMLElement ? target : null;
  if (el?.closest("input, textarea, select, [contenteditable=''], [contenteditable='true'], [role='textbox']")) return true;
  return document.querySelector("[role='dialog'], [role='alertdialog']") !== null;
}

function Kbd({ children }: { children: string }) {
  return <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-[11px] font-semibold text-slate-800 shadow-xs">{children}</kbd>;
}

/**
 * Approve or deny with a reason (required as the rule says), by click or by keyboard: A approves,
 * D moves to the reason for a denial, Ctrl+Enter in the reason sends it. When the person may not
 * vote the buttons stay visible, disabled, with the server's sentence saying why.
 */
export function DecisionPanel({ tenant, detail }: { tenant: string; detail: ApprovalDetail }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [reason, setReason] = useState("");
  const [intent, setIntent] = useState<Vote | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const { me } = detail;
  const need = me.reasonRequired;

  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: approvalKeys.all(tenant) });
    await qc.invalidateQueries({ queryKey: policyKeys.all(tenant) });
  };
  const vote = useMutation({
    mutationFn: (v: Vote) => api<VoteResult>(tenantPath(tenant, `approvals/${detail.id}/votes`), { method: "POST", body: reason.trim() ? { vote: v, reason: reason.trim() } : { vote: v } }),
    onSuccess: async (r, v) => {
      // The page shows the outcome at once; the refetch then brings the votes and eligible marks.
      qc.setQueryData<ApprovalDetail>(approvalKeys.detail(tenant, detail.id), (d) =>
        d ? { ...d, state: r.state, approvals: r.approvals, denials: r.denials, progress: r.progress, me: { ...d.me, canVote: false, canCancel: false, why: `you voted ${v}` } } : d);
      setReason("");
      setIntent(null);
      toast.success(r.state === "pending" ? `You ${v === "approve" ? "approved" : "denied"}; the request waits for more votes.` : `Request ${r.state}.`);
      await refresh();
    },
    onError: async (e) => {
      if (e instanceof ApiError && e.issues.some((i) => i.path === "body.reason")) {
        setFieldError(e.issues.find((i) => i.path === "body.reason")!.message);
        reasonRef.current?.focus();
      }
      // Someone else decided meanwhile, or the request expired: show what it is now.
      if (e instanceof ApiError && e.status === 409) await refresh();
    },
  });
  const submit = (v: Vote) => {
    if (!me.canVote || vote.isPending) return;
    setIntent(v);
    if (need[v] && !reason.trim()) {
      setFieldError(`A reason is required to ${v}.`);
      reasonRef.current?.focus();
      return;
    }
    setFieldError(null);
    vote.mutate(v);
  };

  // The latest submit without re-adding the listener on every keystroke.
  const submitRef = useRef(submit);
  useEffect(() => {
    submitRef.current = submit;
  });
  // Marks the panel once the shortcuts listen (after hydration), for tests and styling hooks.
  const [listening, setListening] = useState(false);
  useEffect(() => {
    if (!me.canVote) return;
    setListening(true);
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || typingOrDialog(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === "a") {
        e.preventDefault();
        submitRef.current("approve");
      } else if (key === "d") {
        e.preventDefault();
        setIntent("deny");
        reasonRef.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
      setListening(false);
    };
  }, [me.canVote]);

  const onReasonKey = (e: ReactKeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && intent) {
      e.preventDefault();
      submit(intent);
    } else if (e.key === "Escape") {
      e.currentTarget.blur();
    }
  };

  const reasonLabel = need.approve && need.deny ? "required" : need.deny ? "required to deny, optional to approve" : need.approve ? "required to approve, optional to deny" : "optional";
  const disabled = !me.canVote || vote.isPending;
  const error = vote.error && !(vote.error instanceof ApiError && vote.error.issues.some((i) => i.path === "body.reason")) ? vote.error : null;

  return (
    <section aria-labelledby="decide-heading" data-shortcuts={listening ? "on" : "off"} className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="decide-heading" className="text-sm font-semibold text-slate-900">Your decision</h2>
        {me.canVote ? (
          <p className="text-xs text-slate-600" id="shortcut-hint">
            Keyboard: <Kbd>A</Kbd> approve · <Kbd>D</Kbd> deny (write the reason, then <Kbd>Ctrl</Kbd>+<Kbd>Enter</Kbd>)
          </p>
        ) : null}
      </div>
      {!me.canVote && me.why ? (
        <p id="vote-why" className="mt-1 text-sm text-slate-700">
          You cannot vote on this request: {me.why}.
        </p>
      ) : null}
      {me.canVote ? (
        <div className="mt-2 space-y-1">
          <label htmlFor="vote-reason" className="block text-sm font-medium text-slate-800">
            Reason <span className="font-normal text-slate-600">({reasonLabel})</span>
          </label>
          <textarea
            id="vote-reason"
            ref={reasonRef}
            rows={2}
            maxLength={2000}
            value={reason}
            onChange={(e) => { setReason(e.target.value); if (fieldError && e.target.value.trim()) setFieldError(null); }}
            onKeyDown={onReasonKey}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? "vote-reason-error" : "vote-reason-hint"}
            placeholder={intent === "deny" ? "Why are you denying it? The requester sees this." : "What did you check? Everyone who reads the request sees this."}
            className={inputClass(Boolean(fieldError), "py-1.5")}
          />
          {fieldError ? (
            <p id="vote-reason-error" className="text-xs font-medium text-red-700">{fieldError}</p>
          ) : (
            <p id="vote-reason-hint" className="text-xs text-slate-600">{intent === "deny" ? "Ctrl+Enter denies. Esc leaves the field." : "Your reason is recorded with your vote in the audit trail."}</p>
          )}
        </div>
      ) : null}
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <Button variant="primary" onClick={() => submit("approve")} disabled={disabled} aria-keyshortcuts="a" aria-describedby={!me.canVote && me.why ? "vote-why" : undefined}>
          <Check aria-hidden="true" className="size-4" />
          {vote.isPending && vote.variables === "approve" ? "Approving…" : "Approve"}
          {me.canVote ? <span aria-hidden="true" className="ml-1 rounded bg-indigo-500 px-1 font-mono text-[11px]">A</span> : null}
        </Button>
        <Button variant="danger" onClick={() => submit("deny")} disabled={disabled} aria-keyshortcuts="d" aria-describedby={!me.canVote && me.why ? "vote-why" : undefined}>
          <X aria-hidden="true" className="size-4" />
          {vote.isPending && vote.variables === "deny" ? "Denying…" : "Deny"}
          {me.canVote ? <span aria-hidden="true" className="ml-1 rounded bg-red-500 px-1 font-mono text-[11px]">D</span> : null}
        </Button>
        {me.canCancel ? <WithdrawButton tenant={tenant} detail={detail} /> : null}
      </div>
      {error ? <Alert tone="error" className="mt-3">{errorMessage(error)}</Alert> : null}
    </section>
  );
}

function WithdrawButton({ tenant, detail }: { tenant: string; detail: ApprovalDetail }) {
  const dialog = useFormDialog({
    initial: () => ({ reason: "" }),
    submit: ({ reason }) => api(tenantPath(tenant, `approvals/${detail.id}/cancel`), { method: "POST", body: reason.trim() ? { reason: reason.trim() } : {} }),
    invalidates: [approvalKeys.all(tenant), policyKeys.all(tenant)],
    notice: () => "Request withdrawn.",
  });
  return (
    <FormDialog
      dialog={dialog}
      trigger={<Button><Undo2 aria-hidden="true" className="size-4" />Withdraw request</Button>}
      title="Withdraw this request?"
      description="Nobody can decide it any more and the waiting work is abandoned. You can ask again later."
      submitLabel="Withdraw"
      pendingLabel="Withdrawing…"
    >
      <TextField id="withdraw-reason" label="Reason" optional {...dialog.field("reason")} maxLength={2000} />
    </FormDialog>
  );
}
