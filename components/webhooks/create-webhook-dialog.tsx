"use client";

import { Plus } from "lucide-react";
import { api, tenantPath } from "../api/api-client";
import { Button } from "../ui/button";
import { DialogClose, DialogContent, DialogFooter } from "../ui/dialog";
import { FormDialog } from "../ui/form-dialog";
import { useFormDialog } from "../ui/use-form-dialog";
import { webhookKeys, type CreatedWebhook } from "./types";
import { WebhookFormFields, webhookBody, type WebhookFormValues } from "./webhook-form-fields";
import { WebhookSecret } from "./webhook-secret";

export function CreateWebhookDialog({ tenant }: { tenant: string }) {
  const dialog = useFormDialog<WebhookFormValues, CreatedWebhook>({
    initial: () => ({ url: "", description: "", events: ["approval.requested", "approval.decided", "approval.digest"], digestThreshold: "10" }),
    submit: (v) => api<CreatedWebhook>(tenantPath(tenant, "webhooks"), { method: "POST", body: webhookBody(v) }),
    invalidates: [webhookKeys.all(tenant)],
    // The secret is shown once, in this dialog, and dropped as soon as it closes.
    keepOpen: true,
  });
  return (
    <FormDialog
      dialog={dialog}
      trigger={
        <Button variant="primary">
          <Plus aria-hidden="true" className="size-4" />
          Add webhook
        </Button>
      }
      title="Add webhook"
      description="Fleetgate POSTs signed JSON to this URL when approval requests are raised and decided."
      wide
      submitLabel="Add webhook"
      pendingLabel="Adding…"
      outcome={(created) => (
        <DialogContent title="Webhook added" description={`${created.url} · secret ${created.secretPrefix}…`} wide>
          <WebhookSecret secret={created.secret} />
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="primary">Done</Button>
            </DialogClose>
          </DialogFooter>
        </DialogContent>
      )}
    >
      <WebhookFormFields prefix="create-webhook" field={dialog.field} />
    </FormDialog>
  );
}
