"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { api, tenantPath } from "../api/api-client";
import { Badge } from "../ui/badge";
import { CursorPager } from "../ui/cursor-pager";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime, plural } from "../ui/format";
import { LiveListBody } from "../ui/live-list-body";
import { TabLinks, type TabLink } from "../ui/tab-links";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { UpdatedAgo } from "../ui/time-left";
import { useLiveList } from "../ui/use-live-list";
import { autonomyLabel, taskClassLabel } from "./labels";
import { hasFilters, runApiQuery, runFilter, type RunListFilter, type RunView } from "./list-filter";
import { FailureBadge, RunStateBadge } from "./run-badges";
import { RunDuration } from "./run-duration";
import { RunFilters } from "./run-filters";
import { LIVE_MS, runKeys } from "./run-keys";
import type { RepoOption, RunPage } from "./types";

const EMPTY: Record<RunView, { title: string; body: string }> = {
  open: { title: "No run is active", body: "Queued, running and waiting runs appear here and follow their progress by themselves. Finished runs are under All runs." },
  all: { title: "No runs yet", body: "Every run in this tenant, newest first, appears here once a task is started." },
};

/** Active runs by default, then all runs: filters and pages live in the URL; the rows follow the runs live. */
export function RunsList({ tenant, repositories, canCreate, initial }: {
  tenant: string; repositories: RepoOption[]; canCreate: boolean; initial: { filter: RunListFilter; data: RunPage | null };
}) {
  const router = useRouter();
  const list = useLiveList({
    filter: runFilter,
    queryKey: (f) => runKeys.list(tenant, f),
    fetchPage: (f, signal) => api<RunPage>(tenantPath(tenant, "runs", runApiQuery(f)), { signal }),
    rows: (p) => p.runs,
    cursor: { key: "after", next: (p) => p.nextAfter },
    initial,
    refetchInterval: LIVE_MS,
    freshOn: ["view"],
  });
  const { filter } = list;
  const filtered = hasFilters(filter);
  // Another view keeps the filters.
  const tabs: TabLink<RunView>[] = [
    { id: "open", label: "Active", href: list.hrefFor({ ...filter, view: "open" }) },
    { id: "all", label: "All runs", href: list.hrefFor({ ...filter, view: "all" }) },
  ];

  return (
    <section aria-labelledby="runs-heading">
      <TabLinks label="Run views" tabs={tabs} current={filter.view} onSelect={(view) => list.setFilter({ ...filter, view })} />
      <h2 id="runs-heading" className="sr-only">{filter.view === "open" ? "Active runs" : "All runs"}</h2>

      <RunFilters filter={filter} repositories={repositories} onChange={list.setFilter} />
      <div className="mb-2 flex justify-end">{list.data ? <UpdatedAgo at={list.updatedAt} /> : null}</div>

      <LiveListBody
        list={list}
        errorTitle="Runs could not be loaded"
        loadingLabel="Loading runs"
        empty={
          <EmptyState
            title={filtered ? "No run matches these filters" : filter.after ? "No more runs" : EMPTY[filter.view].title}
            action={!filtered && !filter.after && canCreate ? <Link href={`/${tenant}/runs/new`} className="text-sm font-medium text-indigo-700 hover:underline">Start a task</Link> : undefined}
          >
            {filtered ? "Clear a filter to see more." : filter.after ? "This page is past the last run." : EMPTY[filter.view].body}
          </EmptyState>
        }
      >
        {(data) => (
          <Table
            caption={filter.view === "open" ? "Active runs, newest first" : "All runs, newest first"}
            footer={<CursorPager label="Run pages" summary={plural(data.runs.length, "run") + (list.page ? ` · page ${list.page}` : "")} {...list.paging} />}
          >
            <THead>
              <Th>Run</Th>
              <Th>Repository</Th>
              <Th>State</Th>
              <Th>Requested by</Th>
              <Th>Duration</Th>
              <Th className="text-right">Tool calls</Th>
              <Th className="text-right">Tokens</Th>
            </THead>
            <TBody>
              {data.runs.map((r) => {
                const href = `/${tenant}/runs/${r.id}`;
                return (
                  <Tr key={r.id} onClick={() => router.push(href)}>
                    <Td className="max-w-xs">
                      <Link href={href} onClick={(e) => e.stopPropagation()} className="font-medium text-indigo-700 hover:underline">
                        {taskClassLabel(r.taskClass)}
                        <span className="sr-only"> run on {r.repository.fullName}, {r.state.replaceAll("_", " ")}</span>
                      </Link>
                      <div className="text-xs text-slate-600">
                        <span className="font-mono">{r.id.slice(0, 10)}</span> · {r.agentKind} · {autonomyLabel(r.autonomy)}{r.attempt > 1 ? ` · attempt ${r.attempt}` : ""}
                      </div>
                    </Td>
                    <Td className="font-mono text-xs whitespace-nowrap">{r.repository.fullName}</Td>
                    <Td>
                      <div className="flex flex-wrap items-center gap-1">
                        <RunStateBadge state={r.state} cancelRequested={r.cancelRequested} />
                        <FailureBadge failureClass={r.failureClass} />
                        {r.promptInjectionSignals ? <Badge tone="amber">{plural(r.promptInjectionSignals, "injection signal")}</Badge> : null}
                      </div>
                    </Td>
                    <Td className="text-xs">
                      <div className="text-slate-900">{r.requesterLabel}</div>
                      <div className="whitespace-nowrap text-slate-600">{formatDateTime(r.queuedAt)}</div>
                    </Td>
                    <Td className="text-xs whitespace-nowrap tabular-nums"><RunDuration startedAt={r.startedAt} finishedAt={r.finishedAt} /></Td>
                    <Td className="text-right text-xs tabular-nums">{r.toolCalls}</Td>
                    <Td className="text-right text-xs tabular-nums">{r.tokens.toLocaleString("en-US")}</Td>
                  </Tr>
                );
              })}
            </TBody>
          </Table>
        )}
      </LiveListBody>
    </section>
  );
}
