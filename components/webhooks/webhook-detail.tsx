"use client";

import { useQuery } from "@tanstack/react-query";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { formatDateTime } from "../ui/format";
import { DeliveryLog } from "./delivery-log";
import { webhookKeys, type DeliveryFilter, type DeliveryPage, type WebhookDetail } from "./types";
import { WebhookActions } from "./webhook-actions";
import { SignatureHelp } from "./webhook-secret";

export function WebhookDetailView({ tenant, canManage, initial }: {
  tenant: string; canManage: boolean; initial: { webhook: WebhookDetail; deliveries: { filter: DeliveryFilter; data: DeliveryPage } };
}) {
  const id = initial.webhook.id;
  const query = useQuery({
    queryKey: webhookKeys.detail(tenant, id),
    queryFn: ({ signal }) => api<WebhookDetail>(tenantPath(tenant, `webhooks/${id}`), { signal }),
    initialData: initial.webhook,
    refetchInterval: 15_000,
  });
  const w = query.data;
  return (
    <div className="space-y-6">
      {query.isError ? <Alert tone="error" title="The webhook could not be refreshed">{errorMessage(query.error)}</Alert> : null}
      <section aria-labelledby="settings-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-xs">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h2 id="settings-heading" className="sr-only">Settings</h2>
            <p className="font-mono text-sm break-all text-slate-900">{w.url}</p>
            <p className="mt-0.5 text-sm text-slate-600">{w.description || "No description"}</p>
          </div>
          {w.enabled ? <Badge tone="green">enabled</Badge> : <Badge>disabled</Badge>}
        </div>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-4">
          <div><dt className="text-xs text-slate-600">Events</dt><dd className="mt-0.5 flex flex-wrap gap-1">{w.events.map((e) => <Badge key={e} tone="indigo">{e}</Badge>)}</dd></div>
          <div><dt className="text-xs text-slate-600">Digest above</dt><dd className="mt-0.5">{w.digestThreshold} pending requests</dd></div>
          <div><dt className="text-xs text-slate-600">Signing secret</dt><dd className="mt-0.5 font-mono text-xs">{w.secretPrefix}…</dd></div>
          <div>
            <dt className="text-xs text-slate-600">Deliveries</dt>
            <dd className="mt-0.5 text-xs">{w.deliveryCounts.delivered} delivered · {w.deliveryCounts.pending} pending · {w.deliveryCounts.failed} failed</dd>
          </div>
        </dl>
        <p className="text-xs text-slate-500">Added {formatDateTime(w.createdAt)} · changed {formatDateTime(w.updatedAt)}</p>
        {canManage ? <WebhookActions tenant={tenant} webhook={w} /> : null}
        <SignatureHelp />
      </section>
      <DeliveryLog tenant={tenant} webhookId={id} canManage={canManage} initial={initial.deliveries} />
    </div>
  );
}
