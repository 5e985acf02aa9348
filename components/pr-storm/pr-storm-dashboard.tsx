"use client";

// The PR-storm dashboard: which team is drowning in agent PRs, and why. The filters live in the URL;
// the first render comes from the server and the data follows live.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { PrStorm } from "@/server/pr-storm/pr-storm-view";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Card, CardHeader } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { Skeleton } from "../ui/skeleton";
import { useNow } from "../ui/time";
import { UpdatedAgo } from "../ui/time-left";
import { useUrlQuery } from "../ui/use-url-query";
import { CreationRate, HeldByReason, MergeAndClose, OpenOverTime, ReviewQueue } from "./storm-charts";
import { StaleTable } from "./stale-table";
import { stormApiQuery, stormFilter, type StormFilter, type StormOptions } from "./storm-filter";
import { StormFilters } from "./storm-filters";
import { TeamPressureTable } from "./team-pressure";

const LIVE_MS = 30_000;

export function PrStormDashboard({ tenant, options, initial }: { tenant: string; options: StormOptions; initial: { filter: StormFilter; data: PrStorm | null } }) {
  const [params, setQuery] = useUrlQuery();
  const filter = stormFilter.parse(params, undefined);
  const q = useQuery({
    queryKey: ["tenant", tenant, "pr-storm", filter],
    queryFn: ({ signal }) => api<PrStorm>(tenantPath(tenant, "pr-storm", stormApiQuery(filter)), { signal }),
    initialData: stormFilter.same(filter, initial.filter) && initial.data ? initial.data : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_MS,
  });
  const now = useNow(60_000);
  const d = q.data;
  return (
    <>
      <StormFilters filter={filter} options={options} onChange={(f) => setQuery(stormFilter.query(f))} />
      {q.isError && !d ? <Alert tone="error" title="The dashboard could not be loaded">{errorMessage(q.error)}</Alert> : null}
      {q.isRefetchError && d ? <Alert tone="warning" className="mb-3">Could not refresh: {errorMessage(q.error)} Showing what was loaded before.</Alert> : null}
      {!d ? (q.isError ? null : <div className="space-y-4" aria-busy="true" aria-label="Loading the dashboard"><Skeleton className="h-40" /><Skeleton className="h-72" /><Skeleton className="h-72" /></div>) : (
        <div className="space-y-5">
          <section aria-labelledby="teams-heading" className="space-y-2">
            <div className="flex items-center justify-between">
              <h2 id="teams-heading" className="text-base font-semibold text-slate-900">Which team is drowning</h2>
              <UpdatedAgo at={q.dataUpdatedAt} fetching={q.isFetching} />
            </div>
            {d.teams.length ? <TeamPressureTable teams={d.teams} now={now} /> : (
              <Card><EmptyState title="No agent PR is open or held">{stormFilter.same(filter, stormFilter.defaults) ? "When agents open pull requests, each team's load shows here." : "Nothing matches these filters; clear one to see more."}</EmptyState></Card>
            )}
          </section>
          <div className="grid gap-4 xl:grid-cols-2">
            <Panel title="Open agent PRs per team" description="How many agent PRs each team has open at each point (the busiest teams; the rest together).">
              <OpenOverTime chart={d.openByTeam} stepMs={d.stepMs} what="team" />
            </Panel>
            <Panel title="Open agent PRs per repository" description="The busiest repositories over the same points.">
              <OpenOverTime chart={d.openByRepository} stepMs={d.stepMs} what="repository" />
            </Panel>
            <Panel title="Creation rate against the budget" description="Agent PRs opened per hour, averaged over each step, and the hourly budget.">
              <CreationRate data={d} />
            </Panel>
            <Panel title="Merges and closes" description="Agent PRs opened, merged and closed without merging in each step.">
              <MergeAndClose data={d} />
            </Panel>
            <Panel title="Review queue per team" description="Agent PRs ready for review and not reviewed yet, and how long the oldest has waited.">
              <ReviewQueue teams={d.teams} />
            </Panel>
            <Panel title="Held work by reason" description="Changesets waiting under a PR-storm cap or a schedule window before their PR opens.">
              {d.held.total ? (
                <>
                  <HeldByReason held={d.held} />
                  <ul className="mt-3 space-y-1 text-xs text-slate-700">
                    {d.held.reasons.slice(0, 5).map((r) => <li key={`${r.kind}-${r.reason}`}><span className="font-semibold tabular-nums">{r.count}×</span> {r.reason}</li>)}
                  </ul>
                </>
              ) : <EmptyState title="No work is held">Nothing waits for a cap or a schedule window.</EmptyState>}
            </Panel>
          </div>
          <section aria-labelledby="stale-heading" className="space-y-2">
            <h2 id="stale-heading" className="text-base font-semibold text-slate-900">Stale pull requests</h2>
            <StaleTable stale={d.stale} staleDays={d.staleDays} now={now} />
          </section>
        </div>
      )}
    </>
  );
}

/** A chart's card, a region named by its title (so a reader or a test can go to it). */
function Panel({ title, description, children }: { title: string; description: string; children: React.ReactNode }) {
  return (
    <section aria-label={title}>
      <Card>
        <CardHeader title={title} description={description} />
        <div className="p-4">{children}</div>
      </Card>
    </section>
  );
}
