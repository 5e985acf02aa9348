"use client";

import { useQuery } from "@tanstack/react-query";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { JsonBlock } from "../audit/json-block";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "../ui/dialog";
import { formatDateTime } from "../ui/format";
import { Skeleton } from "../ui/skeleton";
import { DeliveryStateBadge } from "./delivery-state-badge";
import { webhookKeys, type DeliveryDetail, type WebhookDeliveryView } from "./types";

/** The delivery's payload, exactly what is signed and sent, and its last outcome. */
export function DeliveryPayloadDialog({ tenant, webhookId, delivery }: { tenant: string; webhookId: string; delivery: WebhookDeliveryView }) {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button size="sm" variant="ghost">
          Payload<span className="sr-only"> of delivery {delivery.id}</span>
        </Button>
      </DialogTrigger>
      <DialogContent title={`Delivery ${delivery.event}`} description={`Id ${delivery.id} (sent as X-Fleetgate-Delivery)`} wide>
        <PayloadBody tenant={tenant} webhookId={webhookId} deliveryId={delivery.id} />
        <DialogFooter>
          <DialogClose asChild>
            <Button>Close</Button>
          </DialogClose>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

function PayloadBody({ tenant, webhookId, deliveryId }: { tenant: string; webhookId: string; deliveryId: string }) {
  const query = useQuery({
    queryKey: webhookKeys.delivery(tenant, webhookId, deliveryId),
    queryFn: ({ signal }) => api<DeliveryDetail>(tenantPath(tenant, `webhooks/${webhookId}/deliveries/${deliveryId}`), { signal }),
  });
  if (query.isError) return <Alert tone="error" title="The delivery could not be loaded">{errorMessage(query.error)}</Alert>;
  if (!query.data) return <div role="status" aria-label="Loading the payload" className="space-y-2"><Skeleton className="h-4 w-64" /><Skeleton className="h-40 w-full" /></div>;
  const d = query.data;
  return (
    <div className="space-y-3">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">State</dt><dd><DeliveryStateBadge state={d.state} /></dd>
        <dt className="text-slate-600">Attempts</dt><dd>{d.attempts}</dd>
        <dt className="text-slate-600">Last answer</dt><dd>{d.lastStatus ? `HTTP ${d.lastStatus}` : "—"}</dd>
        <dt className="text-slate-600">Last attempt</dt><dd>{formatDateTime(d.lastAttemptAt, true)}</dd>
        <dt className="text-slate-600">Delivered</dt><dd>{formatDateTime(d.deliveredAt, true)}</dd>
        {d.lastError ? (<><dt className="text-slate-600">Last error</dt><dd className="break-words text-red-800">{d.lastError}</dd></>) : null}
      </dl>
      <JsonBlock title="Payload" value={d.payload} />
    </div>
  );
}
