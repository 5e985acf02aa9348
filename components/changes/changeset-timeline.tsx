import { ArrowRight } from "lucide-react";
import { formatDateTime } from "../ui/format";
import { KeyValues } from "../ui/key-values";
import { ChangesetStateBadge } from "./change-badges";
import type { ChangesetEventView } from "./types";

/** The changeset's history, oldest first: state changes, pushes, reviews, checks, comments and flags. */
export function ChangesetTimeline({ events, total }: { events: ChangesetEventView[]; total: number }) {
  if (!events.length) return <p className="text-sm text-slate-600">Nothing has happened to it yet.</p>;
  return (
    <>
      {total > events.length ? <p className="mb-2 text-xs text-slate-600">The last {events.length} of {total} events.</p> : null}
      <ol className="space-y-2" aria-label="Pull request history">
        {events.map((e) => (
          <li key={e.seq} className="grid gap-x-3 sm:grid-cols-[11rem_1fr]" data-testid="changeset-event" data-kind={e.kind}>
            <time dateTime={e.at} className="font-mono text-xs text-slate-600 tabular-nums">{formatDateTime(e.at, true)}</time>
            <div className="min-w-0">
              <div className="flex flex-wrap items-center gap-1.5">
                <span className="text-xs font-medium tracking-wide text-slate-600 uppercase">{e.kind.replaceAll("_", " ")}</span>
                {e.toState ? (
                  <span className="inline-flex items-center gap-1">
                    {e.fromState ? <><ChangesetStateBadge state={e.fromState} /><ArrowRight aria-hidden="true" className="size-3 text-slate-500" /><span className="sr-only">to</span></> : null}
                    <ChangesetStateBadge state={e.toState} />
                  </span>
                ) : null}
              </div>
              <p className="text-sm break-words text-slate-900">{e.message}</p>
              {e.data && Object.keys(e.data).length ? (
                <details className="mt-0.5">
                  <summary className="cursor-pointer text-xs font-medium text-indigo-700 hover:underline">Details</summary>
                  <div className="mt-1"><KeyValues value={e.data} depth={1} /></div>
                </details>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}
