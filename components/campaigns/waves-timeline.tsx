import { formatDateTime } from "../ui/format";
import { WaveStateBadge } from "./campaign-badges";
import { waveLabel } from "./labels";
import type { CampaignDetail } from "./types";

/** The waves in order, each with its planned size, state and times. */
export function WavesTimeline({ waves }: { waves: CampaignDetail["waves"] }) {
  if (!waves.length) return <p className="text-sm text-slate-600">No wave is planned: no target is eligible.</p>;
  return (
    <ol aria-label="Waves" className="flex flex-wrap gap-2">
      {waves.map((w) => (
        <li key={w.index} className="min-w-40 flex-1 rounded-md border border-slate-200 bg-white px-3 py-2">
          <div className="flex items-center justify-between gap-2">
            <span className="text-sm font-semibold text-slate-900">{waveLabel(w.index)}</span>
            <WaveStateBadge state={w.state} />
          </div>
          <div className="mt-1 text-xs text-slate-700 tabular-nums">{w.plannedSize} target{w.plannedSize === 1 ? "" : "s"}</div>
          {w.startedAt ? <div className="text-xs text-slate-600">started {formatDateTime(w.startedAt)}</div> : null}
          {w.finishedAt ? <div className="text-xs text-slate-600">ended {formatDateTime(w.finishedAt)}</div> : null}
        </li>
      ))}
    </ol>
  );
}
