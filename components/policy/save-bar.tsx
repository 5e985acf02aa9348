"use client";

import { useMutation } from "@tanstack/react-query";
import { Save } from "lucide-react";
import { useState, type FormEvent } from "react";
import { api, tenantPath } from "../api/api-client";
import { ApiError, errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/text-field";
import { problemsOf } from "./problems";
import type { Problem, Saved } from "./types";

export type SaveTarget = { kind: "new" } | { kind: "version"; documentId: string; baseNumber: number; latestNumber: number };

/**
 * Saves the editor's text as a new immutable draft version (or creates the document). A refusal
 * keeps the text: 422 puts its problems into the editor, 409 says who saved in between.
 */
export function SaveBar({ tenant, target, content, tests, dirty, problemCount, onSaved, onProblems, onRebase, onStale }: {
  tenant: string; target: SaveTarget; content: string; tests: string; dirty: boolean; problemCount: number;
  onSaved: (saved: Saved) => Promise<void> | void; onProblems: (p: Problem[]) => void; onRebase: (latest: number) => void;
  /** The page shows an older latest version than the server has (409): refetch it. */
  onStale: () => void;
}) {
  const [message, setMessage] = useState("");
  const [messageError, setMessageError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      target.kind === "new"
        ? api<Saved>(tenantPath(tenant, "policies"), { method: "POST", body: { content, tests, message } })
        : api<Saved>(tenantPath(tenant, `policies/${target.documentId}/versions`), { method: "POST", body: { content, tests, message, baseNumber: target.baseNumber } }),
    onSuccess: async (saved) => {
      setMessage("");
      await onSaved(saved);
    },
    onError: (e) => {
      const problems = problemsOf(e);
      if (problems) onProblems(problems);
      if (e instanceof ApiError && e.status === 409) onStale();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!message.trim()) {
      setMessageError("Say what changed and why: the message is kept with the version.");
      return;
    }
    setMessageError(null);
    save.mutate();
  };
  const err = save.error;
  const conflict = err instanceof ApiError && err.status === 409 && target.kind === "version";
  const newer = conflict ? Number(/version (\d+) was saved/.exec(err.message)?.[1] ?? NaN) : NaN;
  const nothingToSave = target.kind === "version" && !dirty;
  return (
    <form onSubmit={submit} aria-label="Save a new version" noValidate className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-xs">
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-64 flex-1">
          <TextField
            id="save-message"
            label={target.kind === "new" ? "What is this policy for?" : "What changed and why?"}
            value={message}
            onValue={setMessage}
            error={messageError ?? undefined}
            maxLength={500}
            required
            hint={
              target.kind === "new"
                ? "Creates the policy with this text as its first draft version."
                : `Saved as version ${target.latestNumber + 1} (a draft), based on version ${target.baseNumber}. Drafts are not enforced.`
            }
          />
        </div>
        <Button type="submit" variant="primary" className="mt-6" disabled={save.isPending || problemCount > 0 || nothingToSave}>
          <Save aria-hidden="true" className="size-4" />
          {save.isPending ? "Saving…" : target.kind === "new" ? "Create policy" : "Save version"}
        </Button>
      </div>
      {problemCount > 0 ? <p className="mt-2 text-xs text-red-800">Fix the problems above before saving.</p> : nothingToSave ? <p className="mt-2 text-xs text-slate-600">No changes since version {target.baseNumber}.</p> : null}
      {save.isError && !problemsOf(err) ? (
        <Alert tone={conflict ? "warning" : "error"} title={conflict ? `Someone saved version ${Number.isNaN(newer) ? "" : newer} meanwhile` : target.kind === "new" ? "The policy was not created" : "The version was not saved"} className="mt-3">
          <p>{errorMessage(err)}. Your text is still here, unsaved.</p>
          {conflict && !Number.isNaN(newer) ? (
            <div className="mt-2 flex flex-wrap gap-2">
              <a href={`?tab=history&compare=${target.baseNumber}..${newer}`} target="_blank" rel="noreferrer" className="text-sm font-medium text-indigo-700 underline">
                Compare version {target.baseNumber} with {newer} (new tab)
              </a>
              <Button size="sm" onClick={() => { onRebase(newer); save.reset(); }}>Keep my text, based on version {newer}</Button>
            </div>
          ) : null}
        </Alert>
      ) : null}
    </form>
  );
}
