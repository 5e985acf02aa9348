"use client";

import { useQuery } from "@tanstack/react-query";
import { ExternalLink, GitPullRequest } from "lucide-react";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { autonomyLabel } from "../runs/labels";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { formatDateTime } from "../ui/format";
import { ChangeAge } from "./change-age";
import { ChangesetStateBadge, ChecksBadge, HealthBadge, ReviewBadge } from "./change-badges";
import { changeKeys, LIVE_MS } from "./change-keys";
import { ChangesetProvenanceList } from "./changeset-provenance";
import { ChangesetTimeline } from "./changeset-timeline";
import { exactDuration } from "./exact-duration";
import { healthIsLive, isLive } from "./labels";
import { PostMergeHealth } from "./post-merge-health";
import { RiskParts } from "./risk-parts";
import type { ChangesetDetail, RunChangeset } from "./types";
import { Fact } from "../ui/fact";

const PR_MODES = ["draft_pr", "supervised_pr", "autonomous_pr", "fleet_campaign"];

function Span({ ms, from, to }: { ms: number | null; from: string | null; to: string | null }) {
  if (ms === null || !from || !to) return <span className="text-slate-600">not yet</span>;
  return <span className="tabular-nums" title={`${formatDateTime(from, true)} → ${formatDateTime(to, true)} (${ms.toLocaleString("en-US")} ms)`}>{exactDuration(ms)}</span>;
}

/**
 * The run's pull request: its branch and PR, state, reviews and checks, exact timings, the risk score
 * with its parts, provenance and history; followed live while the PR may still change. A run that
 * published nothing shows nothing, or one quiet line when its mode will open a PR.
 */
export function RunPullRequest({ tenant, runId, mode, runEnded, runSucceeded, initial }: {
  tenant: string; runId: string; mode: string; runEnded: boolean; runSucceeded: boolean; initial: RunChangeset | null;
}) {
  const wantsPr = PR_MODES.includes(mode);
  const q = useQuery({
    queryKey: changeKeys.ofRun(tenant, runId),
    queryFn: ({ signal }) => api<RunChangeset>(tenantPath(tenant, `runs/${runId}/changeset`), { signal }),
    initialData: initial ?? undefined,
    refetchInterval: (query) => {
      const cs = query.state.data?.changeset;
      // A PR changes with GitHub; a run that will publish gets its PR after it succeeds.
      return (cs ? isLive(cs.changeset.state) || healthIsLive(cs.changeset.health.state) : wantsPr && (!runEnded || runSucceeded)) ? LIVE_MS : false;
    },
  });
  const detail = q.data?.changeset;
  if (!detail) {
    if (q.isError && !q.data) return <p className="mb-4 text-sm text-slate-600">The pull request could not be loaded: {errorMessage(q.error)}</p>;
    if (!wantsPr || (runEnded && !runSucceeded)) return null;
    return (
      <p className="mb-4 flex items-center gap-1.5 text-sm text-slate-600" data-testid="no-pull-request">
        <GitPullRequest aria-hidden="true" className="size-4" />
        No pull request yet: this run&apos;s mode ({autonomyLabel(mode)}) opens one once it succeeds and publishes.
      </p>
    );
  }
  return <PullRequestCard tenant={tenant} detail={detail} refreshError={q.isError ? q.error : null} />;
}

function PullRequestCard({ tenant, detail, refreshError }: { tenant: string; detail: ChangesetDetail; refreshError: Error | null }) {
  const c = detail.changeset;
  const ended = c.state === "merged" ? c.mergedAt : c.state === "closed" ? c.closedAt : null;
  return (
    <section id="pull-request" aria-labelledby="pull-request-heading" className="mb-4 scroll-mt-4">
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-4 py-3">
          <div className="min-w-0">
            <h2 id="pull-request-heading" className="flex items-center gap-1.5 text-sm font-semibold text-slate-900">
              <GitPullRequest aria-hidden="true" className="size-4" />
              Pull request
            </h2>
            {c.title ? <p className="mt-0.5 text-sm break-words text-slate-800">{c.title}</p> : null}
          </div>
          <div className="flex flex-wrap items-center gap-2" data-testid="pull-request-state" data-state={c.state}>
            <ChangesetStateBadge state={c.state} />
            {c.health.revertedAt ? <HealthBadge state="reverted" /> : null}
            {c.prUrl && c.prNumber !== null ? (
              <a href={c.prUrl} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:underline">
                PR #{c.prNumber}
                <ExternalLink aria-hidden="true" className="size-3.5" />
                <span className="sr-only"> on the code host (opens in a new tab)</span>
              </a>
            ) : null}
          </div>
        </div>
        {refreshError ? <Alert tone="warning" className="mx-4 mt-3">Could not refresh: {errorMessage(refreshError)} Showing what was loaded before.</Alert> : null}
        {c.flagReason ? (
          <Alert tone="warning" title={c.state === "blocked" ? "Blocked" : c.state === "held" ? "Held under a PR-storm cap" : "Waiting for a person"} className="mx-4 mt-3">
            {c.flagReason}
            {c.state === "held" && c.heldAt ? <span className="block text-xs">Held since {formatDateTime(c.heldAt)}; released as soon as the cap has room, oldest held first.</span> : null}
          </Alert>
        ) : null}
        <dl className="grid gap-x-6 gap-y-3 px-4 py-3 sm:grid-cols-2 lg:grid-cols-4">
          <Fact label="Branch"><span className="font-mono text-xs break-all">{c.branch}</span> <span className="text-xs text-slate-600">into {c.baseBranch}</span></Fact>
          <Fact label="Mode">{autonomyLabel(c.mode)}</Fact>
          <Fact label="Review"><ReviewBadge state={c.reviewState} />{c.needsHumanReview ? <span className="block text-xs text-slate-700">a human must review</span> : null}</Fact>
          <Fact label="Checks"><ChecksBadge state={c.checksState} /></Fact>
          {c.openedAt ? (
            <>
              <Fact label="Opened">{formatDateTime(c.openedAt, true)}</Fact>
              <Fact label="First review">{formatDateTime(c.firstReviewAt, true)}</Fact>
              <Fact label={c.state === "closed" ? "Closed" : "Merged"}>{formatDateTime(c.state === "closed" ? c.closedAt : c.mergedAt, true)}</Fact>
              <Fact label={ended ? "Was open for" : "Open for"}><ChangeAge from={c.ageFrom} until={c.ageUntil} className="tabular-nums" /></Fact>
              <Fact label="Time to first review"><Span ms={c.timeToFirstReviewMs} from={c.openedAt} to={c.firstReviewAt} /></Fact>
              <Fact label="Time to merge"><Span ms={c.timeToMergeMs} from={c.openedAt} to={c.mergedAt} /></Fact>
            </>
          ) : (
            <Fact label="Created">{formatDateTime(c.createdAt, true)} <span className="text-xs text-slate-600">(no pull request opened yet)</span></Fact>
          )}
          <Fact label="Reviewers">{c.reviewers.length ? c.reviewers.join(", ") : <span className="text-slate-600">none requested</span>}</Fact>
          <Fact label="Labels">
            {c.labels.length ? <span className="flex flex-wrap gap-1">{c.labels.map((l) => <Badge key={l}>{l}</Badge>)}</span> : <span className="text-slate-600">none</span>}
          </Fact>
        </dl>
        <PostMergeHealth health={c.health} />
        <div className="grid gap-0 border-t border-slate-200 lg:grid-cols-2">
          <div className="px-4 py-3 lg:border-r lg:border-slate-200">
            <h3 className="mb-2 text-xs font-semibold text-slate-800">Risk score</h3>
            <RiskParts risk={c.risk} />
          </div>
          <div className="border-t border-slate-200 px-4 py-3 lg:border-t-0">
            <h3 className="mb-2 text-xs font-semibold text-slate-800">Provenance</h3>
            <ChangesetProvenanceList tenant={tenant} p={detail.provenance} />
          </div>
        </div>
        <div className="border-t border-slate-200 px-4 py-3">
          <h3 className="mb-2 text-xs font-semibold text-slate-800">History</h3>
          <ChangesetTimeline events={detail.events} total={detail.eventCount} />
        </div>
      </Card>
    </section>
  );
}
