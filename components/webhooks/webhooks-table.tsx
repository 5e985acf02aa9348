"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { formatDate, formatDateTime, plural } from "../ui/format";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { DeliveryStateBadge } from "./delivery-state-badge";
import { webhookKeys, type WebhookEndpointView } from "./types";

export function WebhooksTable({ tenant, canManage, initial }: { tenant: string; canManage: boolean; initial: { webhooks: WebhookEndpointView[] } }) {
  const router = useRouter();
  const query = useQuery({
    queryKey: webhookKeys.list(tenant),
    queryFn: ({ signal }) => api<{ webhooks: WebhookEndpointView[] }>(tenantPath(tenant, "webhooks"), { signal }),
    initialData: initial,
  });
  if (query.isError) return <Alert tone="error" title="Webhooks could not be loaded">{errorMessage(query.error)}</Alert>;
  const hooks = query.data.webhooks;
  if (hooks.length === 0) {
    return (
      <div className="rounded-lg border border-slate-200 bg-white">
        <EmptyState title="No webhooks yet">
          {canManage ? "Add one to tell a chat channel or your own service when approvals are requested and decided." : "A tenant admin can add one."}
        </EmptyState>
      </div>
    );
  }
  return (
    <Table caption="Webhooks" footer={<p className="text-xs text-slate-600">{plural(hooks.length, "webhook")} · signing secrets are shown only once, when created or rotated</p>}>
      <THead>
        <Th>URL</Th>
        <Th>Events</Th>
        <Th>Digest above</Th>
        <Th>Secret</Th>
        <Th>Last delivery</Th>
        <Th>Status</Th>
      </THead>
      <TBody>
        {hooks.map((w) => {
          const href = `/${tenant}/admin/webhooks/${w.id}`;
          return (
            <Tr key={w.id} onClick={() => router.push(href)}>
              <Td className="max-w-80">
                <Link href={href} onClick={(e) => e.stopPropagation()} className="block truncate font-medium text-indigo-700 hover:underline">{w.url}</Link>
                <div className="truncate text-xs text-slate-600">{w.description || "No description"} · added {formatDate(w.createdAt)}</div>
              </Td>
              <Td><div className="flex flex-wrap gap-1">{w.events.map((e) => <Badge key={e} tone="indigo">{e}</Badge>)}</div></Td>
              <Td className="text-xs text-slate-700">{w.digestThreshold} pending</Td>
              <Td className="font-mono text-xs text-slate-700">{w.secretPrefix}…</Td>
              <Td className="text-xs whitespace-nowrap text-slate-700">
                {w.lastDelivery ? (
                  <span className="flex items-center gap-1.5"><DeliveryStateBadge state={w.lastDelivery.state} /> {formatDateTime(w.lastDelivery.createdAt)}</span>
                ) : "None yet"}
              </Td>
              <Td>{w.enabled ? <Badge tone="green">enabled</Badge> : <Badge>disabled</Badge>}</Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
