import { Badge } from "../ui/badge";
import type { BlastRadius, Preview } from "./types";

/** Rules the tests never reached, and (after a blast radius run) rules neither tests nor real traffic reached. */
export function CoveragePanel({ coverage, blast }: { coverage: Preview["coverage"]; blast: BlastRadius | undefined }) {
  const full = coverage.total > 0 && coverage.covered === coverage.total;
  return (
    <section aria-labelledby="coverage-heading" className="space-y-2">
      <div className="flex items-center gap-2">
        <h3 id="coverage-heading" className="text-sm font-semibold text-slate-900">Coverage</h3>
        <Badge tone={full ? "green" : coverage.total ? "amber" : "neutral"}>{coverage.covered}/{coverage.total} rules tested</Badge>
      </div>
      <RuleList title="Rules no test reached" rules={coverage.uncovered} none="Every rule of this policy is reached by a test." />
      {blast ? (
        <RuleList
          title="Rules neither tests nor replayed traffic reached"
          rules={blast.unreached}
          none={`Every rule is reached by a test or by one of the ${blast.replayed} replayed decisions.`}
        />
      ) : (
        <p className="text-xs text-slate-600">Run the blast radius to see which rules real traffic reaches.</p>
      )}
    </section>
  );
}

function RuleList({ title, rules, none }: { title: string; rules: string[]; none: string }) {
  return (
    <div>
      <h4 className="text-xs font-medium text-slate-700">{title}</h4>
      {rules.length === 0 ? (
        <p className="text-xs text-emerald-800">{none}</p>
      ) : (
        <ul className="mt-1 flex flex-wrap gap-1">
          {rules.map((r) => <li key={r}><code className="rounded bg-amber-50 px-1.5 py-0.5 font-mono text-[11px] text-amber-950 ring-1 ring-amber-200">{r}</code></li>)}
        </ul>
      )}
    </div>
  );
}
