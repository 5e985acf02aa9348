"use client";

import { useQuery } from "@tanstack/react-query";
import type { WebhookHealthView } from "@/server/github/installations/installation-view";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { keys } from "../api/query-keys";
import { Alert } from "../ui/alert";
import { Card, CardHeader } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime } from "../ui/format";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";

const COUNTS: { key: keyof WebhookHealthView["last24h"]; label: string; tone: string }[] = [
  { key: "received", label: "Received", tone: "text-slate-900" },
  { key: "applied", label: "Applied", tone: "text-emerald-700" },
  { key: "ignored", label: "Ignored", tone: "text-slate-700" },
  { key: "failed", label: "Failed", tone: "text-red-700" },
  { key: "pending", label: "Waiting", tone: "text-amber-800" },
];

/** GitHub's webhook deliveries for this tenant's installations: the last one, the last day's outcomes, the latest failures. Refreshed every 30 s. */
export function WebhookHealthCard({ tenant, initial }: { tenant: string; initial: WebhookHealthView }) {
  const q = useQuery({
    queryKey: keys.githubHealth(tenant),
    queryFn: ({ signal }) => api<WebhookHealthView>(tenantPath(tenant, "github/webhook-health"), { signal }),
    initialData: initial,
    refetchInterval: 30_000,
  });
  return (
    <Card>
      <CardHeader title="Webhook health" description={q.data.lastReceivedAt ? `Last delivery received ${formatDateTime(q.data.lastReceivedAt, true)}.` : "No delivery received for this tenant's installations yet."} />
      {q.isError ? <div className="p-4"><Alert tone="error" title="Webhook health could not be refreshed">{errorMessage(q.error)}</Alert></div> : null}
      <h3 className="px-4 pt-4 text-xs font-medium text-slate-700">Deliveries in the last 24 hours</h3>
      <dl className="grid grid-cols-2 gap-3 px-4 pt-2 pb-4 sm:grid-cols-5">
        {COUNTS.map((c) => (
          <div key={c.key} className="rounded-md border border-slate-200 px-3 py-2">
            <dt className="text-xs text-slate-600">{c.label}</dt>
            <dd className={`text-xl font-semibold tabular-nums ${c.tone}`}>{q.data.last24h[c.key]}</dd>
          </div>
        ))}
      </dl>
      <div className="px-3 pb-3">
        {q.data.failures.length === 0 ? (
          <EmptyState title="No failed deliveries" />
        ) : (
          <Table caption="Latest failed deliveries">
            <THead>
              <Th>Received</Th>
              <Th>Event</Th>
              <Th>Reason</Th>
              <Th>Delivery</Th>
            </THead>
            <TBody>
              {q.data.failures.map((d) => (
                <Tr key={d.deliveryId}>
                  <Td className="text-xs whitespace-nowrap text-slate-700">{formatDateTime(d.receivedAt, true)}</Td>
                  <Td className="font-mono text-xs">{d.event}{d.action ? `.${d.action}` : ""}</Td>
                  <Td className="max-w-md text-slate-800">{d.reason ?? "—"}</Td>
                  <Td className="font-mono text-xs text-slate-600">{d.deliveryId}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </div>
    </Card>
  );
}
