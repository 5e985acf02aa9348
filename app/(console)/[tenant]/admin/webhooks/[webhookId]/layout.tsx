import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AppError } from "@/server/core/app-error";
import { ZId } from "@/server/http/define-route";
import { readContext } from "@/server/core/read-context";
import { getWebhook } from "@/server/webhooks/get-webhook";
import { pageScope } from "../../../../_lib/page-scope";

/** A webhook that is not there (or is another tenant's) answers 404 from here, outside the loading boundary. */
export default async function WebhookLayout({ children, params }: { children: ReactNode; params: Promise<{ tenant: string; webhookId: string }> }) {
  const { tenant, webhookId } = await params;
  const { scope } = await pageScope(tenant, "webhook.read");
  if (!ZId.safeParse(webhookId).success) notFound();
  try {
    await getWebhook(readContext(scope), webhookId);
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  }
  return children;
}
