"use client";

import { useMutation } from "@tanstack/react-query";
import { RotateCcw } from "lucide-react";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Button } from "../ui/button";
import { CursorPager } from "../ui/cursor-pager";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime } from "../ui/format";
import { inputClass } from "../ui/input-class";
import { LiveListBody } from "../ui/live-list-body";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { useAfterChange } from "../ui/use-after-change";
import { useLiveList } from "../ui/use-live-list";
import { useToast } from "../ui/toast";
import { DeliveryPayloadDialog } from "./delivery-payload-dialog";
import { DeliveryStateBadge } from "./delivery-state-badge";
import { DELIVERY_STATES, deliveryFilter, webhookKeys, type DeliveryFilter, type DeliveryPage, type WebhookDeliveryView } from "./types";

/** The delivery log: newest first, state filter and page cursor in the URL, live while something is pending. */
export function DeliveryLog({ tenant, webhookId, canManage, initial }: {
  tenant: string; webhookId: string; canManage: boolean; initial: { filter: DeliveryFilter; data: DeliveryPage };
}) {
  const list = useLiveList({
    filter: deliveryFilter,
    queryKey: (f) => webhookKeys.deliveries(tenant, webhookId, f),
    fetchPage: (f, signal) => api<DeliveryPage>(tenantPath(tenant, `webhooks/${webhookId}/deliveries`, f), { signal }),
    rows: (p) => p.deliveries,
    cursor: { key: "after", next: (p) => p.nextAfter },
    initial,
    // Attempts follow each other within seconds: watch closely while any is pending.
    refetchInterval: (p) => (p?.deliveries.some((d) => d.state === "pending") ? 2_000 : 15_000),
  });
  const { state } = list.filter;

  return (
    <section aria-labelledby="deliveries-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h2 id="deliveries-heading" className="text-base font-semibold text-slate-900">Delivery log</h2>
        <div>
          <label htmlFor="delivery-state" className="sr-only">Delivery state</label>
          <select id="delivery-state" value={state} onChange={(e) => list.setFilter({ ...list.filter, state: e.target.value as DeliveryFilter["state"] })} className={inputClass(false, "h-9 w-44")}>
            <option value="">All states</option>
            {DELIVERY_STATES.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
      </div>
      <LiveListBody
        list={list}
        errorTitle="The delivery log could not be loaded"
        loadingLabel="Loading deliveries"
        skeletonRows={5}
        empty={
          <EmptyState title={state ? `No ${state} deliveries` : "No deliveries yet"}>
            {state ? "Choose another state to see more." : "Deliveries appear here when approval requests are raised or decided, or when you send a test event."}
          </EmptyState>
        }
      >
        {(data) => (
          <Table
            caption="Deliveries, newest first"
            footer={
              <CursorPager
                label="Delivery pages"
                labels={{ first: "Newest", prev: "Newer", next: "Older" }}
                summary={`${data.deliveries.length} deliveries${list.isFetching ? " · refreshing…" : ""}`}
                {...list.paging}
              />
            }
          >
            <THead>
              <Th>Time</Th>
              <Th>Event</Th>
              <Th>State</Th>
              <Th>Attempts</Th>
              <Th>Last answer</Th>
              <Th className="text-right"><span className="sr-only">Actions</span></Th>
            </THead>
            <TBody>
              {data.deliveries.map((d) => (
                <Tr key={d.id}>
                  <Td className="text-xs whitespace-nowrap text-slate-700">
                    {formatDateTime(d.createdAt, true)}
                    <div className="max-w-md truncate text-slate-600" title={d.summary}>{d.summary}</div>
                  </Td>
                  <Td className="font-mono text-xs">{d.event}</Td>
                  <Td><DeliveryStateBadge state={d.state} /></Td>
                  <Td className="text-xs">{d.attempts}</Td>
                  <Td className="max-w-72 text-xs">
                    {d.lastStatus ? <span className="font-mono">HTTP {d.lastStatus}</span> : null}
                    {d.lastError ? <div className="truncate text-red-800" title={d.lastError}>{d.lastError}</div> : d.lastStatus ? null : <span className="text-slate-500">—</span>}
                    {d.lastAttemptAt ? <div className="text-slate-500">at {formatDateTime(d.lastAttemptAt, true)}</div> : null}
                  </Td>
                  <Td className="text-right whitespace-nowrap">
                    <DeliveryPayloadDialog tenant={tenant} webhookId={webhookId} delivery={d} />
                    {canManage && d.state !== "pending" ? <RedeliverButton tenant={tenant} webhookId={webhookId} delivery={d} /> : null}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </LiveListBody>
    </section>
  );
}

function RedeliverButton({ tenant, webhookId, delivery }: { tenant: string; webhookId: string; delivery: WebhookDeliveryView }) {
  const afterChange = useAfterChange();
  const toast = useToast();
  const m = useMutation({
    mutationFn: () => api(tenantPath(tenant, `webhooks/${webhookId}/deliveries/${delivery.id}/redeliver`), { method: "POST" }),
    onSuccess: () => afterChange([webhookKeys.detail(tenant, webhookId), webhookKeys.deliveries(tenant, webhookId)], "Queued for redelivery, with the same delivery id."),
    onError: (e) => toast.error(errorMessage(e)),
  });
  return (
    <Button size="sm" variant="ghost" onClick={() => m.mutate()} disabled={m.isPending}>
      <RotateCcw aria-hidden="true" className="size-3.5" />
      Redeliver<span className="sr-only"> {delivery.event} delivery {delivery.id}</span>
    </Button>
  );
}
