"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Skeleton } from "../ui/skeleton";
import { policyKeys } from "../policy/policy-keys";
import type { PolicyVersion } from "../policy/types";
import { DiffBlock, rowsOf } from "../policy/version-diff";
import { CommandBlock } from "../ui/command-block";
import { KeyValues } from "../ui/key-values";
import { UnifiedDiff } from "../ui/unified-diff";
import type { ApprovalDetail } from "./types";

const POLICY_KINDS = ["policy_activation", "platform_policy_activation"];

type PolicyProposal = {
  policy?: string; level?: string; target?: string | null; version?: string; message?: string; note?: string | null;
  replaces?: string | null; diff?: { added?: number; removed?: number }; content?: string;
};

/** "v3" -> 3 */
const versionNumber = (label: unknown) => (typeof label === "string" && /^v\d+$/.test(label) ? Number(label.slice(1)) : null);

/** What would happen if the request is approved, shown the way its kind reads best. */
export function ProposalView({ tenant, detail }: { tenant: string; detail: ApprovalDetail }) {
  const likely = detail.proposal.likelyRefusals;
  const shown = <Proposal tenant={tenant} detail={detail} />;
  if (!Array.isArray(likely) || likely.length === 0) return shown;
  return (
    <div className="space-y-3">
      <Alert tone="warning" title="Likely refused at the policy's boundary, even if approved">
        <ul className="list-disc space-y-0.5 pl-4">{likely.map((l) => <li key={String(l)} className="break-words">{String(l)}</li>)}</ul>
      </Alert>
      {shown}
    </div>
  );
}

function Proposal({ tenant, detail }: { tenant: string; detail: ApprovalDetail }) {
  const p = detail.proposal;
  if (POLICY_KINDS.includes(detail.kind) && typeof p.content === "string") return <PolicyActivation tenant={tenant} detail={detail} p={p as PolicyProposal} />;
  if (typeof p.command === "string") {
    return (
      <div className="space-y-3">
        <CommandBlock command={p.command} label="Command that would run" />
        <KeyValues value={p} omit={["command"]} />
      </div>
    );
  }
  if (typeof p.targetCount === "number") {
    return (
      <div className="space-y-3">
        <p className="text-sm text-slate-800">
          <span className="text-2xl font-semibold text-slate-900 tabular-nums">{p.targetCount.toLocaleString("en-US")}</span> targets would be changed.
        </p>
        <KeyValues value={p} omit={["targetCount"]} />
      </div>
    );
  }
  if (typeof p.diffSummary === "string") {
    return (
      <div className="space-y-3">
        <UnifiedDiff text={p.diffSummary} />
        <KeyValues value={p} omit={["diffSummary"]} />
      </div>
    );
  }
  return <KeyValues value={p} omit={["likelyRefusals"]} />;
}

function PolicyActivation({ tenant, detail, p }: { tenant: string; detail: ApprovalDetail; p: PolicyProposal }) {
  const documentId = detail.contextKey?.startsWith("policy:") ? detail.contextKey.slice("policy:".length) : null;
  const from = versionNumber(p.replaces);
  const replaced = useQuery({
    queryKey: policyKeys.version(tenant, documentId ?? "", from ?? 0),
    queryFn: ({ signal }) => api<PolicyVersion>(tenantPath(tenant, `policies/${documentId}/versions/${from}`), { signal }),
    enabled: Boolean(documentId && from),
    staleTime: Infinity, // versions are immutable
  });
  const content = p.content ?? "";
  const full = (
    <pre tabIndex={0} role="region" aria-label={`YAML of ${p.version ?? "the version"}`} className="max-h-[32rem] overflow-auto rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-xs whitespace-pre-wrap text-slate-900">
      {content}
    </pre>
  );
  return (
    <div className="space-y-4">
      <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[minmax(8rem,max-content)_1fr]">
        <dt className="font-medium text-slate-700">Policy</dt>
        <dd className="flex flex-wrap items-center gap-2">
          {documentId ? (
            <Link href={`/${tenant}/policies/${documentId}?tab=history`} className="font-mono font-medium text-indigo-700 hover:underline">{p.policy}</Link>
          ) : <span className="font-mono">{p.policy}</span>}
          {p.level ? <Badge tone="indigo">{p.level}{p.target ? `: ${p.target}` : ""}</Badge> : null}
        </dd>
        <dt className="font-medium text-slate-700">Change</dt>
        <dd>
          {p.replaces ? (
            <>Activate <strong>{p.version}</strong> in place of <strong>{p.replaces}</strong> (active when requested)</>
          ) : (
            <>Activate <strong>{p.version}</strong>: the policy had no active version when requested</>
          )}
          {p.diff ? (
            <span className="ml-2 text-xs">
              <span className="font-medium text-emerald-800">+{p.diff.added ?? 0}</span> <span className="font-medium text-red-800">−{p.diff.removed ?? 0}</span> lines
            </span>
          ) : null}
        </dd>
        <dt className="font-medium text-slate-700">Version message</dt>
        <dd className="break-words">{p.message || "—"}</dd>
        <dt className="font-medium text-slate-700">Note from the requester</dt>
        <dd className="break-words">{p.note ? <q>{p.note}</q> : <span className="text-slate-600">none</span>}</dd>
      </dl>
      {!from || !documentId ? (
        <div className="space-y-1.5">
          <h3 className="text-xs font-semibold text-slate-800">Policy YAML of {p.version}</h3>
          {full}
        </div>
      ) : replaced.isError ? (
        <>
          <Alert tone="warning" title={`${p.replaces} could not be loaded to compare`}>{errorMessage(replaced.error)} The full text of {p.version} follows.</Alert>
          {full}
        </>
      ) : !replaced.data ? (
        <div role="status" aria-label="Loading the diff"><Skeleton className="h-48" /></div>
      ) : (
        <>
          <DiffBlock heading="h3" title="Policy" rows={rowsOf(replaced.data.content, content)} from={p.replaces!} to={p.version ?? "the proposed version"} />
          <details className="group">
            <summary className="cursor-pointer text-xs font-medium text-indigo-700 hover:underline">Full YAML of {p.version}</summary>
            <div className="mt-2">{full}</div>
          </details>
        </>
      )}
    </div>
  );
}
