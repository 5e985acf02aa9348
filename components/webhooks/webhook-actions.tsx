"use client";

import { useMutation } from "@tanstack/react-query";
import { KeyRound, Power, Send } from "lucide-react";
import { useState } from "react";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { DangerAction } from "../ui/danger-action";
import { Dialog, DialogClose, DialogContent, DialogFooter } from "../ui/dialog";
import { useAfterChange } from "../ui/use-after-change";
import { useToast } from "../ui/toast";
import { EditWebhookDialog } from "./edit-webhook-dialog";
import { webhookKeys, type CreatedWebhook, type WebhookEndpointView } from "./types";
import { WebhookSecret } from "./webhook-secret";

/** Edit, enable/disable, send a test event, rotate the secret, delete. */
export function WebhookActions({ tenant, webhook }: { tenant: string; webhook: WebhookEndpointView }) {
  const afterChange = useAfterChange();
  const toast = useToast();
  const [rotated, setRotated] = useState<CreatedWebhook | null>(null);
  const path = tenantPath(tenant, `webhooks/${webhook.id}`);
  const toggle = useMutation({
    mutationFn: () => api<WebhookEndpointView>(path, { method: "PATCH", body: { enabled: !webhook.enabled } }),
    onSuccess: (w) => afterChange([webhookKeys.all(tenant)], w.enabled ? "Webhook enabled." : "Webhook disabled: nothing is sent to it until it is enabled again."),
    onError: (e) => toast.error(errorMessage(e)),
  });
  const ping = useMutation({
    mutationFn: () => api<{ id: string }>(`${path}/ping`, { method: "POST" }),
    onSuccess: () => afterChange([webhookKeys.all(tenant)], "Test event queued; it shows in the delivery log."),
    onError: (e) => toast.error(errorMessage(e)),
  });

  return (
    <div className="flex flex-wrap items-center gap-2">
      <EditWebhookDialog tenant={tenant} webhook={webhook} />
      <Button onClick={() => toggle.mutate()} disabled={toggle.isPending}>
        <Power aria-hidden="true" className="size-4" />
        {webhook.enabled ? "Disable" : "Enable"}
      </Button>
      <Button onClick={() => ping.mutate()} disabled={ping.isPending || !webhook.enabled} title={webhook.enabled ? undefined : "Enable the webhook to send a test event"}>
        <Send aria-hidden="true" className="size-4" />
        Send test event
      </Button>
      <ConfirmDialog
        trigger={
          <Button>
            <KeyRound aria-hidden="true" className="size-4" />
            Rotate secret
          </Button>
        }
        title="Rotate the signing secret?"
        description={`The secret ${webhook.secretPrefix}… stops working at once: deliveries from now on, retries included, are signed with the new one. Update your receiver right after.`}
        confirmLabel="Rotate secret"
        onConfirm={async () => {
          const r = await api<CreatedWebhook>(`${path}/rotate-secret`, { method: "POST" });
          setRotated(r);
          await afterChange([webhookKeys.all(tenant)]);
        }}
      />
      <DangerAction
        label="Delete"
        subject={`webhook ${webhook.url}`}
        title="Delete this webhook?"
        description={`Nothing is sent to ${webhook.url} any more, and its delivery log is deleted. This cannot be undone.`}
        confirmLabel="Delete webhook"
        path={path}
        invalidates={[webhookKeys.list(tenant)]}
        notice={() => "Webhook deleted."}
        leaveTo={`/${tenant}/admin/webhooks`}
      />
      <Dialog open={rotated !== null} onOpenChange={(o) => { if (!o) setRotated(null); }}>
        {rotated ? (
          <DialogContent title="Secret rotated" description={`New secret ${rotated.secretPrefix}…`} wide>
            <WebhookSecret secret={rotated.secret} />
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="primary">Done</Button>
              </DialogClose>
            </DialogFooter>
          </DialogContent>
        ) : null}
      </Dialog>
    </div>
  );
}
