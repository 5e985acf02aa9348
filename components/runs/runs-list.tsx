"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type MouseEvent } from "react";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { cn } from "../ui/cn";
import { CursorPager } from "../ui/cursor-pager";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime, plural } from "../ui/format";
import { TableSkeleton } from "../ui/skeleton";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { UpdatedAgo } from "../ui/time-left";
import { useUrlQuery } from "../ui/use-url-query";
import { autonomyLabel, taskClassLabel } from "./labels";
import { hasFilters, runApiQuery, runFilterFrom, runUrlQuery, sameRunFilter, type RunListFilter, type RunView } from "./list-filter";
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
  const [params, setParams] = useUrlQuery();
  const filter = runFilterFrom(params);
  const [trail, setTrail] = useState<string[]>([]);
  const router = useRouter();
  const query = useQuery({
    queryKey: runKeys.list(tenant, filter),
    queryFn: ({ signal }) => api<RunPage>(tenantPath(tenant, "runs", runApiQuery(filter)), { signal }),
    initialData: initial.data && sameRunFilter(filter, initial.filter) ? initial.data : undefined,
    placeholderData: (prev, prevQuery) => ((prevQuery?.queryKey[4] as RunListFilter | undefined)?.view === filter.view ? prev : undefined),
    refetchInterval: LIVE_MS,
  });
  const go = (f: RunListFilter) => setParams(runUrlQuery(f));
  const refilter = (f: RunListFilter) => { setTrail([]); go(f); };
  const switchTo = (view: RunView) => (e: MouseEvent) => {
    e.preventDefault();
    refilter({ ...filter, view, after: "" });
  };
  const data = query.data;
  const filtered = hasFilters(filter);
  const tabs: { view: RunView; label: string }[] = [{ view: "open", label: "Active" }, { view: "all", label: "All runs" }];

  return (
    <section aria-labelledby="runs-heading">
      <nav aria-label="Run views" className="mb-4 border-b border-slate-200">
        <ul className="-mb-px flex gap-5">
          {tabs.map((t) => (
            <li key={t.view}>
              <a
                href={t.view === "open" ? "?" : "?view=all"}
                onClick={switchTo(t.view)}
                aria-current={filter.view === t.view ? "page" : undefined}
                className={cn(
                  "inline-flex items-center gap-1.5 border-b-2 px-1 pb-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600",
                  filter.view === t.view ? "border-indigo-600 text-indigo-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                )}
              >
                {t.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2 id="runs-heading" className="sr-only">{filter.view === "open" ? "Active runs" : "All runs"}</h2>

      <RunFilters filter={filter} repositories={repositories} onChange={refilter} />
      <div className="mb-2 flex justify-end">{data ? <UpdatedAgo at={query.dataUpdatedAt} /> : null}</div>

      {query.isError && !data ? (
        <Alert tone="error" title="Runs could not be loaded">{errorMessage(query.error)}</Alert>
      ) : !data ? (
        <TableSkeleton label="Loading runs" rows={6} />
      ) : data.runs.length === 0 ? (
        <div className="rounded-lg border border-slate-200 bg-white">
          <EmptyState
            title={filtered ? "No run matches these filters" : filter.after ? "No more runs" : EMPTY[filter.view].title}
            action={!filtered && !filter.after && canCreate ? <Link href={`/${tenant}/runs/new`} className="text-sm font-medium text-indigo-700 hover:underline">Start a task</Link> : undefined}
          >
            {filtered ? "Clear a filter to see more." : filter.after ? "This page is past the last run." : EMPTY[filter.view].body}
          </EmptyState>
        </div>
      ) : (
        <>
          {query.isError ? <Alert tone="warning" className="mb-2">Could not refresh: {errorMessage(query.error)} Showing what was loaded before.</Alert> : null}
          <Table
            caption={filter.view === "open" ? "Active runs, newest first" : "All runs, newest first"}
            footer={
              <CursorPager
                label="Run pages"
                summary={plural(data.runs.length, "run") + (trail.length || filter.after ? ` · page ${trail.length + 1}` : "")}
                onFirst={filter.after ? () => refilter({ ...filter, after: "" }) : undefined}
                onPrev={trail.length ? () => { go({ ...filter, after: trail[trail.length - 1]! }); setTrail(trail.slice(0, -1)); } : undefined}
                onNext={data.nextAfter ? () => { setTrail([...trail, filter.after]); go({ ...filter, after: data.nextAfter! }); } : undefined}
              />
            }
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
        </>
      )}
    </section>
  );
}
