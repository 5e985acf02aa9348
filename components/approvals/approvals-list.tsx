"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type MouseEvent } from "react";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { CursorPager } from "../ui/cursor-pager";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime, plural } from "../ui/format";
import { inputClass } from "../ui/input-class";
import { TableSkeleton } from "../ui/skeleton";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { useUrlQuery } from "../ui/use-url-query";
import { approvalKeys, LIVE_MS } from "./approval-keys";
import { RiskBadge, StateBadge } from "./badges";
import { KIND_LABELS, kindLabel, STATES } from "./labels";
import { listApiQuery, listFilterFrom, listUrlQuery, sameListFilter, type ListFilter, type View } from "./list-filter";
import { useHydrated } from "../ui/time";
import { TimeLeft, UpdatedAgo } from "../ui/time-left";
import type { ApprovalPage, ApprovalSummary } from "./types";
import { useApprovalCounts } from "./use-approval-counts";

const EMPTY: Record<View, { title: string; body: string }> = {
  inbox: { title: "Nothing waits for you", body: "Requests you may decide appear here, the most urgent first. This page updates by itself." },
  mine: { title: "You have not asked for any approval", body: "When you request something that needs approval, such as a policy activation, you follow it here." },
  all: { title: "No approval requests yet", body: "Every request raised in this tenant, whoever may decide it, appears here." },
};

/** Inbox, Raised by me and (for those who oversee) All: tabs, filters and pages live in the URL. */
export function ApprovalsList({ tenant, canSeeAll, initial }: {
  tenant: string; canSeeAll: boolean; initial: { filter: ListFilter; data: ApprovalPage | null };
}) {
  const [params, setParams] = useUrlQuery();
  const filter = listFilterFrom(params, canSeeAll);
  const [trail, setTrail] = useState<string[]>([]);
  const router = useRouter();
  const counts = useApprovalCounts(tenant);
  const hydrated = useHydrated();
  const query = useQuery({
    queryKey: approvalKeys.list(tenant, filter),
    queryFn: ({ signal }) => api<ApprovalPage>(tenantPath(tenant, "approvals", listApiQuery(filter)), { signal }),
    initialData: initial.data && sameListFilter(filter, initial.filter) ? initial.data : undefined,
    // Paging keeps the rows in place while the next page loads; another tab starts from a skeleton.
    placeholderData: (prev, prevQuery) => ((prevQuery?.queryKey[4] as ListFilter | undefined)?.view === filter.view ? prev : undefined),
    refetchInterval: LIVE_MS,
  });
  const go = (f: ListFilter) => setParams(listUrlQuery(f));
  const switchTo = (view: View) => (e: MouseEvent) => {
    e.preventDefault();
    setTrail([]);
    go({ view, state: "", kind: filter.kind, after: "" });
  };
  const tabs: { view: View; label: string; count?: number }[] = [
    { view: "inbox", label: "Inbox", count: hydrated ? counts.data?.inbox : undefined },
    { view: "mine", label: "Raised by me", count: hydrated ? counts.data?.mine : undefined },
    ...(canSeeAll ? [{ view: "all" as const, label: "All" }] : []),
  ];
  const data = query.data;
  const filtered = Boolean(filter.state || filter.kind);
  const kinds = [...new Set([...Object.keys(KIND_LABELS), ...(filter.kind ? [filter.kind] : [])])];

  return (
    <section aria-labelledby="requests-heading">
      <nav aria-label="Approval views" className="mb-4 border-b border-slate-200">
        <ul className="-mb-px flex gap-5">
          {tabs.map((t) => (
            <li key={t.view}>
              <a
                href={t.view === "inbox" ? "?" : `?view=${t.view}`}
                onClick={switchTo(t.view)}
                aria-current={filter.view === t.view ? "page" : undefined}
                className={cn(
                  "inline-flex items-center gap-1.5 border-b-2 px-1 pb-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-600",
                  filter.view === t.view ? "border-indigo-600 text-indigo-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                )}
              >
                {t.label}
                {t.count ? (
                  <span className="rounded-full bg-slate-100 px-1.5 text-xs font-semibold text-slate-700 tabular-nums">
                    {t.count}
                    {t.view === "inbox" ? <span className="sr-only"> waiting for you</span> : <span className="font-normal"> pending</span>}
                  </span>
                ) : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2 id="requests-heading" className="sr-only">{tabs.find((t) => t.view === filter.view)?.label}</h2>

      <form role="search" aria-label="Filter approval requests" onSubmit={(e) => e.preventDefault()} className="mb-3 flex flex-wrap items-center gap-2">
        {filter.view !== "inbox" ? (
          <div>
            <label htmlFor="approval-state" className="sr-only">State</label>
            <select id="approval-state" value={filter.state} onChange={(e) => { setTrail([]); go({ ...filter, state: e.target.value, after: "" }); }} className={inputClass(false, "h-9 w-40")}>
              <option value="">Any state</option>
              {STATES.map((s) => <option key={s} value={s}>{s[0]!.toUpperCase() + s.slice(1)}</option>)}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="approval-kind" className="sr-only">Kind</label>
          <select id="approval-kind" value={filter.kind} onChange={(e) => { setTrail([]); go({ ...filter, kind: e.target.value, after: "" }); }} className={inputClass(false, "h-9 w-60")}>
            <option value="">Every kind</option>
            {kinds.map((k) => <option key={k} value={k}>{kindLabel(k)}</option>)}
          </select>
        </div>
        {filtered ? <Button variant="ghost" onClick={() => { setTrail([]); go({ view: filter.view, state: "", kind: "", after: "" }); }}>Clear filters</Button> : null}
        <span className="ml-auto">{data ? <UpdatedAgo at={query.dataUpdatedAt} /> : null}</span>
      </form>

      {query.isError && !data ? (
        <Alert tone="error" title="Approval requests could not be loaded">{errorMessage(query.error)}</Alert>
      ) : !data ? (
        <TableSkeleton label="Loading approval requests" rows={6} />
      ) : data.approvals.length === 0 ? (
        <div className="rounded-lg border border-slate-200 bg-white">
          <EmptyState title={filtered ? "No request matches these filters" : filter.after ? "No more requests" : EMPTY[filter.view].title}>
            {filtered ? "Clear a filter to see more." : filter.after ? "This page is past the last request." : EMPTY[filter.view].body}
          </EmptyState>
        </div>
      ) : (
        <>
          {query.isError ? <Alert tone="warning" className="mb-2">Could not refresh: {errorMessage(query.error)} Showing what was loaded before.</Alert> : null}
          <Table
            caption={filter.view === "inbox" ? "Requests waiting for your decision, most urgent first" : filter.view === "mine" ? "Requests you raised, newest first" : "Every approval request, newest first"}
            footer={
              <CursorPager
                label="Approval pages"
                summary={plural(data.approvals.length, "request") + (trail.length || filter.after ? ` · page ${trail.length + 1}` : "")}
                onFirst={filter.after ? () => { setTrail([]); go({ ...filter, after: "" }); } : undefined}
                onPrev={trail.length ? () => { go({ ...filter, after: trail[trail.length - 1]! }); setTrail(trail.slice(0, -1)); } : undefined}
                onNext={data.nextAfter ? () => { setTrail([...trail, filter.after]); go({ ...filter, after: data.nextAfter! }); } : undefined}
              />
            }
          >
            <THead>
              <Th>Request</Th>
              <Th>Risk</Th>
              <Th>Requested by</Th>
              {filter.view === "inbox" ? null : <Th>State</Th>}
              <Th>{filter.view === "inbox" ? "Time left" : "Expires or decided"}</Th>
              <Th className="text-right">Votes</Th>
            </THead>
            <TBody>
              {data.approvals.map((a) => {
                const href = `/${tenant}/approvals/${a.id}`;
                return (
                  <Tr key={a.id} onClick={() => router.push(href)}>
                    <Td className="max-w-md">
                      <Link href={href} onClick={(e) => e.stopPropagation()} className="font-medium text-indigo-700 hover:underline">{a.title}</Link>
                      <div className="text-xs text-slate-600">{kindLabel(a.kind)}</div>
                    </Td>
                    <Td><RiskBadge risk={a.risk} /></Td>
                    <Td className="text-xs">
                      <div className="text-slate-900">{a.requesterLabel}</div>
                      <div className="whitespace-nowrap text-slate-600">{formatDateTime(a.createdAt)}</div>
                    </Td>
                    {filter.view === "inbox" ? null : <Td><StateBadge state={a.state} /></Td>}
                    <Td className="text-xs">
                      {a.state === "pending" ? <TimeLeft expiresAt={a.expiresAt} /> : <span className="whitespace-nowrap text-slate-700">{formatDateTime(a.decidedAt)}</span>}
                    </Td>
                    <Td className="text-right text-xs whitespace-nowrap tabular-nums"><Votes a={a} /></Td>
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

function Votes({ a }: { a: ApprovalSummary }) {
  return (
    <>
      <span className="text-slate-900">{a.approvals} of {plural(a.approvalsNeeded, "approval")}</span>
      {a.denials ? <span className="ml-1.5 font-medium text-red-700">{plural(a.denials, "denial")}</span> : null}
    </>
  );
}
