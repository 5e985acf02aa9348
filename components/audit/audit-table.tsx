"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, tenantPath } from "../api/api-client";
import { ApiError, errorMessage, formErrors } from "../api/api-error";
import { keys } from "../api/query-keys";
import { Alert } from "../ui/alert";
import { CursorPager } from "../ui/cursor-pager";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime } from "../ui/format";
import { TableSkeleton } from "../ui/skeleton";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { useUrlQuery } from "../ui/use-url-query";
import { AuditFilters } from "./audit-filters";
import { AUDIT_FIELDS, auditApiQuery, auditFilterFrom, auditUrlQuery, sameFilter, type AuditFilter, type AuditPage } from "./audit-query";
import { DecisionBadge } from "./decision-badge";

export function AuditTable({ tenant, initial }: { tenant: string; initial: { filter: AuditFilter; data: AuditPage | null } }) {
  const [params, setParams] = useUrlQuery();
  const filter = auditFilterFrom(params);
  const [trail, setTrail] = useState<string[]>([]);
  const router = useRouter();
  const query = useQuery({
    queryKey: keys.audit(tenant, filter),
    queryFn: ({ signal }) => api<AuditPage>(tenantPath(tenant, "audit/events", auditApiQuery(filter)), { signal }),
    initialData: initial.data && sameFilter(filter, initial.filter) ? initial.data : undefined,
    placeholderData: keepPreviousData,
  });
  const go = (f: AuditFilter) => setParams(Object.fromEntries(new URLSearchParams(auditUrlQuery(f))));
  const invalid = query.error instanceof ApiError && query.error.status === 422 ? formErrors(query.error, AUDIT_FIELDS) : null;
  const detailQuery = auditUrlQuery(filter);
  const data = query.data;
  const filtered = AUDIT_FIELDS.some((k) => filter[k]);

  return (
    <section aria-labelledby="events-heading">
      <h2 id="events-heading" className="sr-only">Events</h2>
      <AuditFilters value={filter} errors={invalid?.fields ?? {}} onChange={(f) => { setTrail([]); go(f); }} />
      {query.isError ? (
        <Alert tone="error" title={invalid ? "Check the filters" : "Audit events could not be loaded"}>
          {invalid ? invalid.banner ?? "Some filters are not valid; see the messages under the fields." : errorMessage(query.error)}
        </Alert>
      ) : !data ? (
        <TableSkeleton label="Loading audit events" rows={10} />
      ) : data.events.length === 0 ? (
        <div className="rounded-lg border border-slate-200 bg-white">
          <EmptyState title={filtered ? "No event matches these filters" : "No audit events yet"}>
            {filtered ? "Widen the dates or clear a filter." : "Every change in this tenant will be recorded here."}
          </EmptyState>
        </div>
      ) : (
        <Table
          caption="Audit events, newest first"
          footer={
            <CursorPager
              label="Audit pages"
              labels={{ first: "Newest", prev: "Newer", next: "Older" }}
              summary={`${data.events.length} events · #${data.events[0]!.seq} to #${data.events[data.events.length - 1]!.seq}${query.isFetching ? " · refreshing…" : ""}`}
              onFirst={filter.cursor ? () => { setTrail([]); go({ ...filter, cursor: "" }); } : undefined}
              onPrev={trail.length ? () => { go({ ...filter, cursor: trail[trail.length - 1]! }); setTrail(trail.slice(0, -1)); } : undefined}
              onNext={data.nextCursor ? () => { setTrail([...trail, filter.cursor]); go({ ...filter, cursor: String(data.nextCursor) }); } : undefined}
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
    </section>
  );
}
