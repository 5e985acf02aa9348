"use client";

import Link from "next/link";
import { Alert } from "../ui/alert";
import type { RunDetail } from "./types";

/** A follow-up run says so: whose review feedback it acts on, the run it revises, and the only files it may change. */
export function FollowUpNote({ tenant, followUp }: { tenant: string; followUp: NonNullable<RunDetail["followUp"]> }) {
  const reviewers = [...new Set(followUp.feedback.map((f) => f.by))];
  return (
    <Alert tone="info" title={`Follow-up on review feedback by ${reviewers.join(", ") || "a reviewer"}`} className="mb-4">
      <p data-testid="follow-up-note">
        It revises the change of{" "}
        <Link href={`/${tenant}/runs/${followUp.ofRunId}`} className="font-medium underline">run {followUp.ofRunId}</Link>{" "}
        and may change only the {followUp.allowedPaths.length} file{followUp.allowedPaths.length === 1 ? "" : "s"} that run changed:{" "}
        <span className="font-mono text-xs">{followUp.allowedPaths.join(", ")}</span>.
      </p>
      <ul aria-label="Review feedback" className="mt-1.5 space-y-1">
        {followUp.feedback.map((f, i) => (
          <li key={i}>
            <span className="font-medium">{f.by}</span> ({f.url ? <a href={f.url} className="underline" rel="noreferrer" target="_blank">{f.kind}</a> : f.kind}):{" "}
            <q className="whitespace-pre-line">{f.body.length > 400 ? `${f.body.slice(0, 400)}…` : f.body}</q>
          </li>
        ))}
      </ul>
    </Alert>
  );
}
