"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { api, tenantPath } from "../api/api-client";
import { Button } from "../ui/button";
import { CursorPager } from "../ui/cursor-pager";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime, plural } from "../ui/format";
import { inputClass } from "../ui/input-class";
import { LiveListBody } from "../ui/live-list-body";
import { TabLinks, type TabLink } from "../ui/tab-links";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { useHydrated } from "../ui/time";
import { TimeLeft, UpdatedAgo } from "../ui/time-left";
import { useLiveList } from "../ui/use-live-list";
import { approvalKeys, LIVE_MS } from "./approval-keys";
import { RiskBadge, StateBadge } from "./badges";
import { KIND_LABELS, kindLabel, STATES } from "./labels";
import { approvalFilter, listApiQuery, type ListFilter, type View } from "./list-filter";
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
  const router = useRouter();
  const counts = useApprovalCounts(tenant);
  const hydrated = useHydrated();
  const list = useLiveList({
    filter: approvalFilter,
    context: canSeeAll,
    queryKey: (f) => approvalKeys.list(tenant, f),
    fetchPage: (f, signal) => api<ApprovalPage>(tenantPath(tenant, "approvals", listApiQuery(f)), { signal }),
    rows: (p) => p.approvals,
    cursor: { key: "after", next: (p) => p.nextAfter },
    initial,
    refetchInterval: LIVE_MS,
    // Paging keeps the rows in place while the next page loads; another tab starts from a skeleton.
    freshOn: ["view"],
  });
  const { filter } = list;
  // Another view keeps the kind, not the state: the states differ from view to view.
  const viewFilter = (view: View): ListFilter => ({ ...filter, view, state: "" });
  const count = (n: number | undefined) => (hydrated && n ? n : undefined);
  const tabs: TabLink<View>[] = [
    { id: "inbox", label: "Inbox", href: list.hrefFor(viewFilter("inbox")), count: count(counts.data?.inbox), countLabel: { text: "waiting for you" } },
    { id: "mine", label: "Raised by me", href: list.hrefFor(viewFilter("mine")), count: count(counts.data?.mine), countLabel: { text: "pending", visible: true } },
    ...(canSeeAll ? [{ id: "all" as const, label: "All", href: list.hrefFor(viewFilter("all")) }] : []),
  ];
  const filtered = Boolean(filter.state || filter.kind);
  const kinds = [...new Set([...Object.keys(KIND_LABELS), ...(filter.kind ? [filter.kind] : [])])];

  return (
    <section aria-labelledby="requests-heading">
      <TabLinks label="Approval views" tabs={tabs} current={filter.view} onSelect={(v) => list.setFilter(viewFilter(v))} />
      <h2 id="requests-heading" className="sr-only">{tabs.find((t) => t.id === filter.view)?.label}</h2>

      <form role="search" aria-label="Filter approval requests" onSubmit={(e) => e.preventDefault()} className="mb-3 flex flex-wrap items-center gap-2">
        {filter.view !== "inbox" ? (
          <div>
            <label htmlFor="approval-state" className="sr-only">State</label>
            <select id="approval-state" value={filter.state} onChange={(e) => list.setFilter({ ...filter, state: e.target.value as ListFilter["state"] })} className={inputClass(false, "h-9 w-40")}>
              <option value="">Any state</option>
              {STATES.map((s) => <option key={s} value={s}>{s[0]!.toUpperCase() + s.slice(1)}</option>)}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="approval-kind" className="sr-only">Kind</label>
          <select id="approval-kind" value={filter.kind} onChange={(e) => list.setFilter({ ...filter, kind: e.target.value })} className={inputClass(false, "h-9 w-60")}>
            <option value="">Every kind</option>
            {kinds.map((k) => <option key={k} value={k}>{kindLabel(k)}</option>)}
          </select>
        </div>
        {filtered ? <Button variant="ghost" onClick={() => list.setFilter({ ...approvalFilter.defaults, view: filter.view })}>Clear filters</Button> : null}
        <span className="ml-auto">{list.data ? <UpdatedAgo at={list.updatedAt} /> : null}</span>
      </form>

      <LiveListBody
        list={list}
        errorTitle="Approval requests could not be loaded"
        loadingLabel="Loading approval requests"
        empty={
          <EmptyState title={filtered ? "No request matches these filters" : filter.after ? "No more requests" : EMPTY[filter.view].title}>
            {filtered ? "Clear a filter to see more." : filter.after ? "This page is past the last request." : EMPTY[filter.view].body}
          </EmptyState>
        }
      >
        {(data) => (
          <Table
            caption={filter.view === "inbox" ? "Requests waiting for your decision, most urgent first" : filter.view === "mine" ? "Requests you raised, newest first" : "Every approval request, newest first"}
            footer={
              <CursorPager
                label="Approval pages"
                summary={plural(data.approvals.length, "request") + (list.page ? ` · page ${list.page}` : "")}
                {...list.paging}
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
        )}
      </LiveListBody>
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
