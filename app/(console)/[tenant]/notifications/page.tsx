import type { Metadata } from "next";
import { NotificationList } from "@/components/notifications/notification-list";
import { PageHeader } from "@/components/ui/page-header";
import { readContext } from "@/server/core/read-context";
import { listNotifications } from "@/server/notifications/list-notifications";
import { pageScope } from "../../_lib/page-scope";
import { toSearchParams, type SearchParams } from "../../_lib/search-params";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<SearchParams> }) {
  const { tenant } = await params;
  const { scope } = await pageScope(tenant, "notification.read");
  const unread = toSearchParams(await searchParams).get("filter") === "unread";
  const page = await listNotifications(readContext(scope), { limit: 20, unread });
  return (
    <>
      <PageHeader title="Notifications" description="Yours in this tenant, newest first: requests that wait for your decision, and how the ones you raised ended." />
      <NotificationList tenant={scope.tenant.slug} initial={{ unread, page }} />
    </>
  );
}
