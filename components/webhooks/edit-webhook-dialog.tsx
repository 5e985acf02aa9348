"use client";

import { Pencil } from "lucide-react";
import { api, tenantPath } from "../api/api-client";
import { Button } from "../ui/button";
import { FormDialog } from "../ui/form-dialog";
import { useFormDialog } from "../ui/use-form-dialog";
import { webhookKeys, type WebhookEndpointView } from "./types";
import { WebhookFormFields, webhookBody, type WebhookFormValues } from "./webhook-form-fields";

export function EditWebhookDialog({ tenant, webhook }: { tenant: string; webhook: WebhookEndpointView }) {
  const dialog = useFormDialog<WebhookFormValues, WebhookEndpointView>({
    initial: () => ({ url: webhook.url, description: webhook.description, events: [...webhook.events], digestThreshold: String(webhook.digestThreshold) }),
    submit: (v) => api<WebhookEndpointView>(tenantPath(tenant, `webhooks/${webhook.id}`), { method: "PATCH", body: webhookBody(v) }),
    invalidates: [webhookKeys.all(tenant)],
    notice: () => "Webhook saved.",
  });
  return (
    <FormDialog
      dialog={dialog}
      trigger={
        <Button>
          <Pencil aria-hidden="true" className="size-4" />
          Edit
        </Button>
      }
      title="Edit webhook"
      description="Changes apply to events from now on; deliveries already written keep their payload."
      wide
      submitLabel="Save"
      pendingLabel="Saving…"
    >
      <WebhookFormFields prefix="edit-webhook" field={dialog.field} />
    </FormDialog>
  );
}
