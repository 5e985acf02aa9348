"use client";

import { Badge, type Tone } from "../ui/badge";
import { Card, CardHeader } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime } from "../ui/format";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { RollbackButton } from "./rollback-button";
import { VersionStateBadge } from "./state-badges";
import type { PolicyDetail, Saved } from "./types";
import { VersionDiff } from "./version-diff";

const REQUEST_TONE: Record<string, Tone> = { approved: "green", rejected: "red", pending: "amber", cancelled: "neutral" };

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
          <div className="rounded-lg border border-slate-200 bg-white"><EmptyState title="No activation requested yet">A policy admin requests activation of a saved version; a second one approves it.</EmptyState></div>
        ) : (
          <Table caption="Activation requests, newest first">
            <THead><Th>Version</Th><Th>State</Th><Th>Requested by</Th><Th>Requested</Th><Th>Decided by</Th><Th>Reason or note</Th></THead>
            <TBody>
              {doc.requests.map((r) => (
                <Tr key={r.id}>
                  <Td className="font-medium">v{r.versionNumber}</Td>
                  <Td><Badge tone={REQUEST_TONE[r.state]}>{r.state}</Badge></Td>
                  <Td className="text-xs">{r.requestedByLabel}</Td>
                  <Td className="text-xs whitespace-nowrap">{formatDateTime(r.createdAt)}</Td>
                  <Td className="text-xs">{r.decidedByLabel ? `${r.decidedByLabel} · ${formatDateTime(r.decidedAt)}` : "—"}</Td>
                  <Td className="max-w-72 text-xs break-words">{r.reason ?? "—"}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </section>
    </div>
  );
}
