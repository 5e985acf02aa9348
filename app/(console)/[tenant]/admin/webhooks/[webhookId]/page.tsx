import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { deliveryFilter } from "@/components/webhooks/types";
import { WebhookDetailView } from "@/components/webhooks/webhook-detail";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/authz/authorize";
import { AppError } from "@/server/core/app-error";
import { readContext } from "@/server/core/read-context";
import { getWebhook } from "@/server/webhooks/get-webhook";
import { listDeliveries } from "@/server/webhooks/list-deliveries";
import { ZDeliveryFilter } from "@/server/webhooks/webhook-input";
import { pageScope } from "../../../../_lib/page-scope";
import { toSearchParams, type SearchParams } from "../../../../_lib/search-params";

export const metadata: Metadata = { title: "Webhook" };

export default async function WebhookPage({ params, searchParams }: { params: Promise<{ tenant: string; webhookId: string }>; searchParams: Promise<SearchParams> }) {
  const { tenant, webhookId } = await params;
  const { scope } = await pageScope(tenant, "webhook.read");
  const ctx = readContext(scope);
  const filter = deliveryFilter.parse(toSearchParams(await searchParams));
  const parsed = ZDeliveryFilter.safeParse({ state: filter.state || undefined, after: filter.after || undefined });
  // The layout answers 404 for a missing webhook; this renders beside it, so it says the same.
  const [webhook, page] = await Promise.all([
    getWebhook(ctx, webhookId),
    listDeliveries(ctx, webhookId, parsed.success ? parsed.data : { limit: 25 }),
  ]).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/${scope.tenant.slug}/admin/webhooks`} className="text-indigo-700 hover:underline">← Webhooks</Link>
      </p>
      <PageHeader title="Webhook" description={webhook.description || "Where Fleetgate sends approval events, and what happened to each delivery."} />
      <WebhookDetailView
        tenant={scope.tenant.slug}
        canManage={can(scope, "webhook.manage")}
        initial={{ webhook, deliveries: { filter: parsed.success ? filter : deliveryFilter.defaults, data: page } }}
      />
    </>
  );
}
