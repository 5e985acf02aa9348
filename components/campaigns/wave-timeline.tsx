import { formatDateTime, plural } from "../ui/format";
import { ProportionBar } from "../ui/proportion-bar";
import { WaveStateBadge } from "./campaign-badges";
import { waveLabel } from "./labels";
import type { WaveProgress } from "./wave-types";

const SEGMENTS = [
  { key: "succeeded", className: "fill-emerald-500", label: "succeeded" },
  { key: "failed", className: "fill-red-500", label: "failed" },
  { key: "refused", className: "fill-amber-500", label: "refused" },
  { key: "active", className: "fill-sky-400", label: "working" },
] as const;

/** The waves in order: state, why, times, and how far each got (outcomes, PRs) against its targets. */
export function WaveTimeline({ waves }: { waves: WaveProgress[] }) {
  if (!waves.length) return <p className="text-sm text-slate-600">No wave is planned: no target is eligible.</p>;
  return (
    <ol aria-label="Wave timeline" className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
      {waves.map((w) => {
        const total = w.targets || w.plannedSize;
        const counts = SEGMENTS.filter((s) => w[s.key] > 0).map((s) => `${w[s.key]} ${s.label}`);
        const prs = [w.prsOpen ? `${w.prsOpen} open` : "", w.merged ? `${w.merged} merged` : "", w.closed ? `${w.closed} closed` : "", w.waitingToPublish ? `${w.waitingToPublish} waiting to publish` : "", w.waitingForChecks ? `${w.waitingForChecks} waiting for checks` : ""].filter(Boolean);
        return (
          <li key={w.index} className="rounded-md border border-slate-200 bg-white px-3 py-2">
            <div className="flex items-center justify-between gap-2">
              <span className="text-sm font-semibold text-slate-900">{waveLabel(w.index)}</span>
              <WaveStateBadge state={w.state} />
            </div>
            <div className="mt-1 text-xs text-slate-700 tabular-nums">
              {w.state === "pending" ? plural(w.plannedSize, "target") : `${w.finished} of ${plural(total, "target")} finished`}
            </div>
            {w.state !== "pending" ? (
              <>
                <ProportionBar className="mt-1.5 h-2 bg-slate-100" total={total} segments={SEGMENTS.map((s) => ({ key: s.key, value: w[s.key], className: s.className }))} />
                <p className="mt-1 text-xs text-slate-600">{counts.length ? counts.join(" · ") : "no run yet"}</p>
                {prs.length ? <p className="text-xs text-slate-600">PRs: {prs.join(" · ")}</p> : null}
              </>
            ) : null}
            {w.startedAt ? <div className="mt-1 text-xs text-slate-600">started {formatDateTime(w.startedAt)}</div> : null}
            {w.finishedAt ? <div className="text-xs text-slate-600">ended {formatDateTime(w.finishedAt)}</div> : null}
            {w.stateReason && w.state !== "done" ? <p className="mt-1 text-xs text-slate-700">{w.stateReason}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
