import type { Metadata } from "next";
import { CreateWebhookDialog } from "@/components/webhooks/create-webhook-dialog";
import { WebhooksTable } from "@/components/webhooks/webhooks-table";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/authz/authorize";
import { readContext } from "@/server/core/read-context";
import { listWebhooks } from "@/server/webhooks/list-webhooks";
import { pageScope } from "../../../../_lib/page-scope";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "webhook.read");
  const data = await listWebhooks(readContext(scope));
  const canManage = can(scope, "webhook.manage");
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Signed JSON posts to chat or your own services when approval requests are raised and decided, retried with backoff."
        actions={canManage ? <CreateWebhookDialog tenant={scope.tenant.slug} /> : null}
      />
      <WebhooksTable tenant={scope.tenant.slug} canManage={canManage} initial={data} />
    </>
  );
}
