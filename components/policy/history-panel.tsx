"use client";

import Link from "next/link";
import { StateBadge } from "../approvals/badges";
import { Card, CardHeader } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime } from "../ui/format";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { RollbackButton } from "./rollback-button";
import { VersionStateBadge } from "./state-badges";
import type { PolicyDetail, Saved } from "./types";
import { VersionDiff } from "./version-diff";

/** "3..5" -> [3, 5] (sorted); a single "3" is a half-made selection. */
export function parseCompare(v: string | null): number[] {
  return [...new Set((v ?? "").split("..").map(Number).filter((n) => Number.isInteger(n) && n > 0))].slice(0, 2).sort((a, b) => a - b);
}

/** Versions (select two to diff them), rollback of older ones, and the activation requests. */
export function HistoryPanel({ tenant, doc, canRollback, compare, onCompare, onRolledBack }: {
  tenant: string; doc: PolicyDetail; canRollback: boolean; compare: number[]; onCompare: (sel: number[]) => void; onRolledBack: (saved: Saved) => Promise<void>;
}) {
  const toggle = (n: number, on: boolean) => onCompare(on ? [...compare.filter((x) => x !== n), n].slice(-2) : compare.filter((x) => x !== n));
  const pair = compare.length === 2 && compare.every((n) => doc.versions.some((v) => v.number === n)) ? [...compare].sort((a, b) => a - b) : null;
  return (
    <div className="space-y-6">
      <section aria-labelledby="versions-heading" className="space-y-2">
        <h2 id="versions-heading" className="text-sm font-semibold text-slate-900">Versions</h2>
        <p className="text-xs text-slate-600">Versions are immutable. Tick two to compare them; a rollback saves an older version&apos;s text as a new draft.</p>
        <Table caption="Versions of this policy, newest first">
          <THead>
            <Th className="w-20">Compare</Th>
            <Th>Version</Th>
            <Th>State</Th>
            <Th>Message</Th>
            <Th>Author</Th>
            <Th>Saved</Th>
            <Th>Hash</Th>
            <Th><span className="sr-only">Actions</span></Th>
          </THead>
          <TBody>
            {doc.versions.map((v) => (
              <Tr key={v.number} className={compare.includes(v.number) ? "bg-indigo-50/60" : undefined}>
                <Td>
                  <input
                    type="checkbox"
                    className="size-4 accent-indigo-600"
                    aria-label={`Compare version ${v.number}`}
                    checked={compare.includes(v.number)}
                    onChange={(e) => toggle(v.number, e.target.checked)}
                  />
                </Td>
                <Td className="font-medium">v{v.number}</Td>
                <Td><VersionStateBadge state={v.state} /></Td>
                <Td className="max-w-80 text-xs break-words">{v.message}</Td>
                <Td className="text-xs">{v.authorLabel}</Td>
                <Td className="text-xs whitespace-nowrap">{formatDateTime(v.createdAt)}</Td>
                <Td className="font-mono text-xs" title={v.contentHash}>{v.contentHash.slice(0, 10)}</Td>
                <Td className="text-right">
                  {canRollback && v.number !== doc.latest.number ? <RollbackButton tenant={tenant} documentId={doc.id} number={v.number} onDone={onRolledBack} /> : null}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </section>

      <Card>
        <CardHeader title={pair ? `Version ${pair[0]} → version ${pair[1]}` : "Compare versions"} description={pair ? "Lines removed in red, added in green." : "Tick two versions above to see what changed between them."} />
        <div className="px-4 py-3">
          {pair ? <VersionDiff tenant={tenant} documentId={doc.id} from={pair[0]!} to={pair[1]!} /> : <p className="text-xs text-slate-600">{compare.length === 1 ? `Version ${compare[0]} selected; tick one more.` : "Nothing selected."}</p>}
        </div>
      </Card>

      <section aria-labelledby="requests-heading" className="space-y-2">
        <h2 id="requests-heading" className="text-sm font-semibold text-slate-900">Activation requests</h2>
        {doc.requests.length === 0 ? (
          <div className="rounded-lg border border-slate-200 bg-white"><EmptyState title="No activation requested yet">A policy admin requests activation of a saved version; another eligible person approves it on the approval request.</EmptyState></div>
        ) : (
          <Table caption="Activation requests, newest first">
            <THead><Th>Version</Th><Th>State</Th><Th>Requested by</Th><Th>Requested</Th><Th>Outcome</Th><Th>Applied</Th><Th><span className="sr-only">Request</span></Th></THead>
            <TBody>
              {doc.requests.map((r) => (
                <Tr key={r.id}>
                  <Td className="font-medium">v{r.versionNumber}</Td>
                  <Td><StateBadge state={r.state} /></Td>
                  <Td className="text-xs">{r.requesterLabel}</Td>
                  <Td className="text-xs whitespace-nowrap">{formatDateTime(r.createdAt)}</Td>
                  <Td className="max-w-72 text-xs break-words">{r.outcomeReason ? <>{r.outcomeReason}<span className="block text-slate-600">{formatDateTime(r.decidedAt)}</span></> : r.state === "pending" ? <>waiting · {r.approvals} approve, {r.denials} deny</> : "—"}</Td>
                  <Td className="max-w-64 text-xs break-words">{r.applyResult ?? (r.state === "pending" ? "—" : "not yet")}</Td>
                  <Td className="text-right">
                    <Link href={`/${tenant}/approvals/${r.id}`} className="text-xs font-medium whitespace-nowrap text-indigo-700 hover:underline">
                      Open<span className="sr-only"> the activation request for version {r.versionNumber}</span>
                    </Link>
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </section>
    </div>
  );
}
