import { CheckCircle2, XCircle } from "lucide-react";
import { Badge } from "../ui/badge";
import { CommandBlock } from "../ui/command-block";
import type { RunDetail } from "./types";

type Boundary = {
  filesChanged?: number; linesAdded?: number; linesRemoved?: number;
  forbiddenPathsTouched?: { path: string; pattern: string }[]; changeClass?: { name: string; allowed: boolean }; violations?: string[];
  instructionFilesChanged?: { path: string; kind: string; approved: boolean }[];
};
type Verifiers = {
  profile?: string; passed?: boolean;
  results?: { name: string; argv?: string[]; exitCode: number | null; passed: boolean; durationMs?: number; output?: string; limit?: string | null; timeoutSeconds?: number }[];
};

function Check({ ok, children }: { ok: boolean; children: React.ReactNode }) {
  return (
    <li className="flex items-start gap-2 text-sm">
      {ok ? <CheckCircle2 aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-emerald-700" /> : <XCircle aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-red-700" />}
      <span><span className="sr-only">{ok ? "Within the boundary: " : "Violation: "}</span>{children}</span>
    </li>
  );
}

/** The diff's boundary, checked after the agent: size, forbidden paths, agent-instruction files, change class. */
export function BoundaryReport({ report }: { report: RunDetail["boundaryReport"] }) {
  if (!report) return <p className="text-sm text-slate-600">No boundary report yet: it is made when the agent has finished.</p>;
  const b = report as Boundary;
  const violations = b.violations ?? [];
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {violations.length ? <Badge tone="red">{violations.length} violation{violations.length === 1 ? "" : "s"}</Badge> : <Badge tone="green">within the boundary</Badge>}
        <span className="text-slate-800">
          {b.filesChanged ?? 0} file{b.filesChanged === 1 ? "" : "s"} changed,{" "}
          <span className="font-medium text-emerald-800">+{b.linesAdded ?? 0}</span> <span className="font-medium text-red-800">−{b.linesRemoved ?? 0}</span> lines
        </span>
      </div>
      <ul className="space-y-1.5">
        {b.changeClass ? <Check ok={b.changeClass.allowed}>Change class <span className="font-mono">{b.changeClass.name}</span> {b.changeClass.allowed ? "is allowed here" : "is not allowed here"}</Check> : null}
        {(b.forbiddenPathsTouched ?? []).length === 0 ? <Check ok>No forbidden path touched</Check> : null}
        {(b.forbiddenPathsTouched ?? []).map((t) => <Check key={t.path} ok={false}><span className="font-mono">{t.path}</span> is a forbidden path (<span className="font-mono">{t.pattern}</span>)</Check>)}
        {(b.instructionFilesChanged ?? []).filter((c) => c.approved).map((c) => <Check key={c.path} ok><span className="font-mono">{c.path}</span>, an agent-instruction file, changed exactly as approved</Check>)}
        {violations.filter((v) => !/forbidden path|change class/.test(v)).map((v) => <Check key={v} ok={false}>{v}</Check>)}
      </ul>
    </div>
  );
}

/** What the verifiers ran on the patch and how each ended; before they run, the profile the run was admitted with. */
export function VerifierReport({ report, planned }: { report: RunDetail["verifierReport"]; planned: RunDetail["verifiers"] }) {
  if (!report) {
    if (!planned) return <p className="text-sm text-slate-600">No verifier has run yet.</p>;
    return (
      <p className="text-sm text-slate-700">
        No verifier has run yet. The run was admitted with profile <span className="font-mono">{planned.profile}</span>
        {planned.steps === null ? "." : planned.steps.length ? <>: {planned.steps.map((s, i) => <span key={i}>{i ? ", " : " "}<span className="font-mono">{s.name}</span> ({s.timeoutSeconds} s)</span>)}.</> : ", which has no steps."}
      </p>
    );
  }
  const v = report as Verifiers;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-800">Profile <span className="font-mono">{v.profile ?? "—"}</span>: {v.passed ? "every verifier passed" : "a verifier failed"}.</p>
      <ul className="space-y-3">
        {(v.results ?? []).map((r) => (
          <li key={r.name} className="space-y-1.5">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-medium text-slate-900">{r.name}</span>
              <Badge tone={r.passed ? "green" : "red"}>{r.passed ? "passed" : "failed"}</Badge>
              {r.exitCode !== null ? <span className="text-xs text-slate-700">exit {r.exitCode}</span> : null}
              {r.durationMs !== undefined ? <span className="text-xs text-slate-600">{r.durationMs} ms</span> : null}
              {r.limit === "wall" && r.timeoutSeconds ? <Badge tone="amber">stopped at its {r.timeoutSeconds} s time limit</Badge> : r.limit ? <Badge tone="amber">{r.limit} limit</Badge> : null}
            </div>
            {r.argv?.length ? <CommandBlock command={r.argv.join(" ")} label={`Command of verifier ${r.name}`} className="text-xs" /> : null}
            {r.output ? (
              <details>
                <summary className="cursor-pointer text-xs font-medium text-indigo-700 hover:underline">Output (redacted)</summary>
                <pre tabIndex={0} className="mt-1 max-h-60 overflow-auto rounded bg-slate-900 px-2 py-1.5 font-mono text-xs whitespace-pre-wrap text-slate-100">{r.output}</pre>
              </details>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
