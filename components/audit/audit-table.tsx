"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { api, tenantPath } from "../api/api-client";
import { ApiError, formErrors } from "../api/api-error";
import { keys } from "../api/query-keys";
import { CursorPager } from "../ui/cursor-pager";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime } from "../ui/format";
import { LiveListBody } from "../ui/live-list-body";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { useLiveList } from "../ui/use-live-list";
import { AuditFilters } from "./audit-filters";
import { AUDIT_FIELDS, auditApiQuery, auditFilter, type AuditFilter, type AuditPage } from "./audit-query";
import { DecisionBadge } from "./decision-badge";

export function AuditTable({ tenant, initial }: { tenant: string; initial: { filter: AuditFilter; data: AuditPage | null } }) {
  const router = useRouter();
  const list = useLiveList({
    filter: auditFilter,
    queryKey: (f) => keys.audit(tenant, f),
    fetchPage: (f, signal) => api<AuditPage>(tenantPath(tenant, "audit/events", auditApiQuery(f)), { signal }),
    rows: (p) => p.events,
    cursor: { key: "cursor", next: (p) => p.nextCursor },
    initial,
  });
  const { filter } = list;
  const invalid = list.error instanceof ApiError && list.error.status === 422 ? formErrors(list.error, AUDIT_FIELDS) : null;
  const detailQuery = auditFilter.search(filter);
  const filtered = AUDIT_FIELDS.some((k) => filter[k]);

  return (
    <section aria-labelledby="events-heading">
      <h2 id="events-heading" className="sr-only">Events</h2>
      <AuditFilters value={filter} errors={invalid?.fields ?? {}} onChange={list.setFilter} />
      <LiveListBody
        list={list}
        errorTitle={invalid ? "Check the filters" : "Audit events could not be loaded"}
        errorBody={invalid ? invalid.banner ?? "Some filters are not valid; see the messages under the fields." : undefined}
        loadingLabel="Loading audit events"
        skeletonRows={10}
        empty={
          <EmptyState title={filtered ? "No event matches these filters" : "No audit events yet"}>
            {filtered ? "Widen the dates or clear a filter." : "Every change in this tenant will be recorded here."}
          </EmptyState>
        }
      >
        {(data) => (
          <Table
            caption="Audit events, newest first"
            footer={
              <CursorPager
                label="Audit pages"
                labels={{ first: "Newest", prev: "Newer", next: "Older" }}
                summary={`${data.events.length} events · #${data.events[0]!.seq} to #${data.events[data.events.length - 1]!.seq}${list.isFetching ? " · refreshing…" : ""}`}
                {...list.paging}
              />
            }
          >
            <THead>
              <Th className="w-16">Seq</Th>
              <Th>Time</Th>
              <Th>Actor</Th>
              <Th>Action</Th>
              <Th>Resource</Th>
              <Th>Decision</Th>
            </THead>
            <TBody>
              {data.events.map((e) => {
                const href = `/${tenant}/audit/${e.seq}${detailQuery ? `?${detailQuery}` : ""}`;
                return (
                  <Tr key={e.seq} onClick={() => router.push(href)}>
                    <Td className="font-mono text-xs">
                      <Link href={href} onClick={(ev) => ev.stopPropagation()} className="font-medium text-indigo-700 hover:underline">
                        #{e.seq}
                        <span className="sr-only"> {e.action} details</span>
                      </Link>
                    </Td>
                    <Td className="text-xs whitespace-nowrap text-slate-700">{formatDateTime(e.createdAt, true)}</Td>
                    <Td className="max-w-56 truncate text-xs" title={e.actorId ?? undefined}>
                      <span className="text-slate-900">{e.actorLabel ?? e.actorId ?? "—"}</span>
                      <span className="ml-1 text-slate-600">{e.actorType}</span>
                    </Td>
                    <Td className="font-mono text-xs text-slate-900">{e.action}</Td>
                    <Td className="max-w-64 truncate text-xs">
                      <span className="text-slate-900">{e.resourceType}</span>
                      {e.resourceId ? <span className="ml-1 font-mono text-slate-600">{e.resourceId}</span> : null}
                    </Td>
                    <Td><DecisionBadge decision={e.decision} /></Td>
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
