import Link from "next/link";
import { Badge, type Tone } from "../ui/badge";
import { formatDateTime } from "../ui/format";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { waveLabel } from "./labels";
import type { CampaignWaves, GateResult } from "./wave-types";

const GATE_LABELS: Record<GateResult["gate"], { name: string; of: string }> = {
  runFailureRate: { name: "Run failures", of: "finished runs" },
  verifierFailureRate: { name: "Verifier failures", of: "verified runs" },
  ciFailureRate: { name: "CI failures", of: "PRs with completed checks" },
  closedWithoutMergeRate: { name: "Closed without merge", of: "PRs ended" },
  revertRate: { name: "Reverted after merge", of: "merged PRs" },
  reviewVetoRate: { name: "Changes requested", of: "reviewed PRs" },
};
const OUTCOME_TONE: Record<CampaignWaves["evaluations"][number]["outcome"], Tone> = { passed: "green", broken: "red", soaking: "amber", overridden: "violet" };
const SHOWN_RUNS = 5;

const percent = (v: number) => `${Math.round(v * 1000) / 10}%`;

function GateStatus({ g }: { g: GateResult }) {
  if (g.threshold === null) return <Badge>No threshold</Badge>;
  if (g.value === null) return <Badge>No data yet</Badge>;
  return g.broken ? <Badge tone="red">Broken</Badge> : <Badge tone="green">Within</Badge>;
}

/** The gates now, over the campaign so far, against their thresholds (a broken one highlighted, with its runs), the soak, and the evaluations kept at the waves' ends. */
export function GatesPanel({ tenant, data }: { tenant: string; data: CampaignWaves }) {
  const { gates, evaluations } = data;
  return (
    <section aria-labelledby="gates-heading" className="space-y-2">
      <div>
        <h3 id="gates-heading" className="text-sm font-semibold text-slate-900">Gates</h3>
        <p className="text-xs text-slate-600">Evaluated over the campaign so far each time a wave finishes; a broken gate pauses the campaign before the next wave.</p>
      </div>
      <Table caption="Gates against their thresholds" footer={<Soak data={data} tenant={tenant} />}>
        <THead>
          <Th scope="col">Gate</Th>
          <Th scope="col">Now</Th>
          <Th scope="col">Threshold</Th>
          <Th scope="col">Status</Th>
          <Th scope="col">Runs behind it</Th>
        </THead>
        <TBody>
          {gates.map((g) => (
            <Tr key={g.gate} className={g.broken ? "bg-red-50" : undefined}>
              <Td className="font-medium text-slate-900">{GATE_LABELS[g.gate].name}</Td>
              <Td className="tabular-nums">{g.value === null ? "—" : percent(g.value)} <span className="text-xs text-slate-600">({g.numerator} of {g.denominator} {GATE_LABELS[g.gate].of})</span></Td>
              <Td className="tabular-nums">{g.threshold === null ? "—" : `at most ${percent(g.threshold)}`}</Td>
              <Td><GateStatus g={g} /></Td>
              <Td className="text-xs">
                {g.runs.length ? (
                  <span className="flex flex-wrap gap-x-2">
                    {g.runs.slice(0, SHOWN_RUNS).map((id) => <Link key={id} href={`/${tenant}/runs/${id}`} className="font-mono text-indigo-700 hover:underline"><span className="sr-only">run </span>{id.slice(-8)}</Link>)}
                    {g.runs.length > SHOWN_RUNS ? <span className="text-slate-600">and {g.runs.length - SHOWN_RUNS} more</span> : null}
                  </span>
                ) : "—"}
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      {evaluations.length ? (
        <details className="rounded-lg border border-slate-200 bg-white">
          <summary className="cursor-pointer px-4 py-2.5 text-sm font-medium text-slate-900">Evaluations at the waves&apos; ends ({evaluations.length})</summary>
          <ol aria-label="Gate evaluations" className="divide-y divide-slate-100">
            {evaluations.map((e) => (
              <li key={e.id} className="px-4 py-2 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone={OUTCOME_TONE[e.outcome]}>{e.outcome}</Badge>
                  <span className="font-medium text-slate-900">after {waveLabel(e.waveIndex).toLowerCase()}</span>
                  <span className="text-xs text-slate-600">{formatDateTime(e.evaluatedAt)} · {e.actorLabel} · {e.trigger.replaceAll("_", " ")}</span>
                </div>
                <p className="mt-0.5 text-slate-700">{e.result}</p>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}

function Soak({ tenant, data: { soak, promotionApprovalId } }: { tenant: string; data: CampaignWaves }) {
  return (
    <div className="space-y-1 text-sm text-slate-700">
      <p>
        {soak.minutes ? (
          <>Soak: {soak.minutes} minutes after the last merge{soak.lastMergeAt ? ` (${formatDateTime(soak.lastMergeAt)})` : " (nothing merged yet)"}
            {soak.waiting && soak.until ? <>; <strong>no promotion before {formatDateTime(soak.until)}</strong></> : null}.</>
        ) : "No soak: a finished wave is promoted as soon as its gates pass."}
      </p>
      {promotionApprovalId ? (
        <p>The next promotion waits for <Link className="font-medium text-indigo-700 underline" href={`/${tenant}/approvals/${promotionApprovalId}`}>its approval request</Link>.</p>
      ) : null}
    </div>
  );
}
