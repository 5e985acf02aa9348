import { ExternalLink, HeartPulse } from "lucide-react";
import { formatDateTime } from "../ui/format";
import { Fact } from "../ui/fact";
import { HealthBadge } from "./change-badges";
import type { ChangesetSummary } from "./types";

/**
 * After a merge: the merge commit, the health watch (until when, what it last found) and, once the
 * merge broke the default branch's checks, the revert PR Fleetgate opened. Nothing before a merge.
 */
export function PostMergeHealth({ health }: { health: ChangesetSummary["health"] }) {
  if (!health.state && !health.mergeCommitSha) return null;
  const sha = health.mergeCommitSha;
  return (
    <div className="border-t border-slate-200 px-4 py-3" data-testid="post-merge-health" data-health={health.state ?? "none"}>
      <h3 className="mb-2 flex items-center gap-1.5 text-xs font-semibold text-slate-800">
        <HeartPulse aria-hidden="true" className="size-3.5" />
        Post-merge health
      </h3>
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2 lg:grid-cols-4">
        <Fact label="Merge commit">
          {sha ? (
            health.mergeCommitUrl ? (
              <a href={health.mergeCommitUrl} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 font-mono text-xs text-indigo-700 hover:underline" title={sha}>
                {sha.slice(0, 12)}
                <ExternalLink aria-hidden="true" className="size-3" />
                <span className="sr-only"> on the code host (opens in a new tab)</span>
              </a>
            ) : <span className="font-mono text-xs" title={sha}>{sha.slice(0, 12)}</span>
          ) : <span className="text-slate-600">not known</span>}
        </Fact>
        <Fact label="Health">{health.state ? <HealthBadge state={health.state} /> : <span className="text-slate-600">not watched</span>}</Fact>
        <Fact label={health.state === "watching" ? "Watched until" : "Soak ended"}>
          {health.until ? formatDateTime(health.until, true) : <span className="text-slate-600">{health.state === "watching" ? "set at the first look" : "not set"}</span>}
        </Fact>
        <Fact label="Revert">
          {health.revertPrUrl && health.revertPrNumber !== null ? (
            <a href={health.revertPrUrl} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:underline" data-testid="revert-pr">
              Revert PR #{health.revertPrNumber}
              <ExternalLink aria-hidden="true" className="size-3.5" />
              <span className="sr-only"> on the code host (opens in a new tab)</span>
            </a>
          ) : <span className="text-slate-600">none</span>}
          {health.revertedAt ? <span className="block text-xs text-slate-700">opened {formatDateTime(health.revertedAt, true)}</span> : null}
        </Fact>
      </dl>
      {health.reason ? <p className="mt-2 text-xs break-words text-slate-700">{health.reason}{health.checkedAt ? <span className="text-slate-600"> (GitHub last read {formatDateTime(health.checkedAt, true)})</span> : null}</p> : null}
    </div>
  );
}
