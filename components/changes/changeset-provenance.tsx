import Link from "next/link";
import type { ReactNode } from "react";
import type { ChangesetProvenance } from "./types";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="contents">
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="min-w-0 text-sm break-all text-slate-900">{children}</dd>
    </div>
  );
}

const hash = (v: string | null, n = 12) => (v ? <span className="font-mono text-xs" title={v}>{v.slice(0, n)}</span> : <span className="text-slate-600">not recorded</span>);

/** What the PR body's provenance block says: who made the change, from what, under which policy. */
export function ChangesetProvenanceList({ tenant, p }: { tenant: string; p: ChangesetProvenance }) {
  return (
    <dl className="grid grid-cols-[minmax(8rem,max-content)_1fr] gap-x-4 gap-y-1.5">
      <Row label="Run">
        <Link href={`/${tenant}/runs/${p.runId}`} className="font-mono text-xs text-indigo-700 hover:underline">{p.runId}</Link>
        {p.attempt && p.attempt > 1 ? <span className="text-xs text-slate-600"> (attempt {p.attempt})</span> : null}
      </Row>
      <Row label="Campaign">{p.campaignId ? <span className="font-mono text-xs">{p.campaignId}</span> : <span className="text-slate-600">none</span>}</Row>
      <Row label="Agent">{p.agentKind === "recipe" ? "Recipe" : p.agentKind === "model" ? "Model" : <span className="text-slate-600">unknown</span>}{p.models.length ? <span className="font-mono text-xs"> ({p.models.join(", ")})</span> : null}</Row>
      <Row label="Sandbox profile">{p.sandboxProfile ? <span className="font-mono text-xs">{p.sandboxProfile}</span> : <span className="text-slate-600">not recorded</span>}</Row>
      <Row label="Base SHA">{hash(p.baseSha)}</Row>
      <Row label="Head SHA">{hash(p.headSha)}</Row>
      <Row label="Effective policy">{hash(p.effectivePolicyHash)}</Row>
      <Row label="Verifier profile">{p.verifierProfile ? <span className="font-mono text-xs">{p.verifierProfile}</span> : <span className="text-slate-600">not recorded</span>}</Row>
      <Row label="Patch SHA-256">{hash(p.patchSha256, 16)}</Row>
    </dl>
  );
}
