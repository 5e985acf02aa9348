"use client";

import { ExternalLink, UserRound } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { api, tenantPath } from "../api/api-client";
import { autonomyLabel, taskClassLabel } from "../runs/labels";
import type { RepoOption } from "../runs/types";
import { CursorPager } from "../ui/cursor-pager";
import { EmptyState } from "../ui/empty-state";
import { plural } from "../ui/format";
import { LiveListBody } from "../ui/live-list-body";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { UpdatedAgo } from "../ui/time-left";
import { useLiveList } from "../ui/use-live-list";
import { ChangeAge } from "./change-age";
import { ChangesetStateBadge, ChecksBadge, HealthBadge, ReviewBadge, RiskBadge } from "./change-badges";
import { ChangeFilters } from "./change-filters";
import { changeKeys, LIVE_MS } from "./change-keys";
import { changeApiQuery, changeFilter, hasFilters, type ChangeListFilter } from "./list-filter";
import type { ChangesetPage, ChangesetSummary } from "./types";

/** The run's page, at its pull request section. */
export const runHref = (tenant: string, c: Pick<ChangesetSummary, "runId">) => `/${tenant}/runs/${c.runId}#pull-request`;

/** Every agent pull request of the tenant, newest first: filters and pages live in the URL; the rows follow GitHub live. */
export function ChangesList({ tenant, repositories, initial }: {
  tenant: string; repositories: RepoOption[]; initial: { filter: ChangeListFilter; data: ChangesetPage | null };
}) {
  const router = useRouter();
  const list = useLiveList({
    filter: changeFilter,
    queryKey: (f) => changeKeys.list(tenant, f),
    fetchPage: (f, signal) => api<ChangesetPage>(tenantPath(tenant, "changesets", changeApiQuery(f)), { signal }),
    rows: (p) => p.changesets,
    cursor: { key: "after", next: (p) => p.nextAfter },
    initial,
    refetchInterval: LIVE_MS,
  });
  const { filter } = list;
  const filtered = hasFilters(filter);

  return (
    <section aria-labelledby="changes-heading">
      <h2 id="changes-heading" className="sr-only">Pull requests</h2>
      <ChangeFilters filter={filter} repositories={repositories} onChange={list.setFilter} />
      <div className="mb-2 flex justify-end">{list.data ? <UpdatedAgo at={list.updatedAt} /> : null}</div>

      <LiveListBody
        list={list}
        errorTitle="Pull requests could not be loaded"
        loadingLabel="Loading pull requests"
        empty={
          <EmptyState
            title={filtered ? "No pull request matches these filters" : filter.after ? "No more pull requests" : "No pull requests yet"}
            action={!filtered && !filter.after ? <Link href={`/${tenant}/runs`} className="text-sm font-medium text-indigo-700 hover:underline">See the runs</Link> : undefined}
          >
            {filtered ? "Clear a filter to see more."
              : filter.after ? "This page is past the last pull request."
                : "A run whose mode opens a pull request (draft, supervised or autonomous) appears here once it publishes, and follows its reviews and checks by itself."}
          </EmptyState>
        }
      >
        {(data) => (
          <Table
            caption="Agent pull requests, newest first"
            footer={<CursorPager label="Pull request pages" summary={plural(data.changesets.length, "pull request") + (list.page ? ` · page ${list.page}` : "")} {...list.paging} />}
          >
            <THead>
              <Th>Pull request</Th>
              <Th>Repository and task</Th>
              <Th>Risk</Th>
              <Th>State</Th>
              <Th>Checks and review</Th>
              <Th>Age</Th>
            </THead>
            <TBody>
              {data.changesets.map((c) => {
                const href = runHref(tenant, c);
                return (
                  <Tr key={c.id} onClick={() => router.push(href)}>
                    <Td className="max-w-sm min-w-64">
                      <Link href={href} onClick={(e) => e.stopPropagation()} className="font-medium break-words text-indigo-700 hover:underline">
                        {c.title || taskClassLabel(c.taskClass)}
                        <span className="sr-only"> (open the run)</span>
                      </Link>
                      <div className="mt-0.5 flex min-w-0 items-center gap-x-1.5 text-xs text-slate-600">
                        {c.prUrl && c.prNumber !== null ? (
                          <a
                            href={c.prUrl} target="_blank" rel="noopener noreferrer" onClick={(e) => e.stopPropagation()}
                            className="inline-flex shrink-0 items-center gap-0.5 font-medium text-indigo-700 hover:underline"
                          >
                            PR #{c.prNumber}
                            <ExternalLink aria-hidden="true" className="size-3" />
                            <span className="sr-only"> on the code host (opens in a new tab)</span>
                          </a>
                        ) : <span className="shrink-0">no PR yet</span>}
                        <span aria-hidden="true">·</span>
                        <span className="truncate font-mono" title={c.branch}>{c.branch}</span>
                      </div>
                    </Td>
                    <Td className="text-xs">
                      <div className="font-mono whitespace-nowrap text-slate-900">{c.repository.fullName}</div>
                      <div className="text-slate-600">{taskClassLabel(c.taskClass)} · {autonomyLabel(c.mode)}</div>
                    </Td>
                    <Td>
                      <div className="flex flex-col items-start gap-1">
                        <RiskBadge score={c.risk.score} level={c.risk.level} />
                        {c.needsHumanReview ? (
                          <span className="inline-flex items-center gap-0.5 text-xs whitespace-nowrap text-slate-700">
                            <UserRound aria-hidden="true" className="size-3" />
                            human review
                          </span>
                        ) : null}
                      </div>
                    </Td>
                    <Td>
                      <ChangesetStateBadge state={c.state} />
                      {c.health.state && c.health.state !== "passed" && c.health.state !== "unverified" ? <div className="mt-1"><HealthBadge state={c.health.state} /></div> : null}
                      {c.flagReason ? <p className="mt-1 line-clamp-2 max-w-48 text-xs text-slate-700" title={c.flagReason}>{c.flagReason}</p> : null}
                    </Td>
                    <Td>
                      <div className="flex flex-col items-start gap-1">
                        <ChecksBadge state={c.checksState} withWord />
                        <ReviewBadge state={c.reviewState} />
                      </div>
                    </Td>
                    <Td className="text-xs whitespace-nowrap tabular-nums"><ChangeAge from={c.ageFrom} until={c.ageUntil} /></Td>
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
