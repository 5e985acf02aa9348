"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { CheckCheck } from "lucide-react";
import Link from "next/link";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { EmptyState } from "../ui/empty-state";
import { formatDateTime, plural } from "../ui/format";
import { TableSkeleton } from "../ui/skeleton";
import { TabLinks } from "../ui/tab-links";
import { useUrlQuery } from "../ui/use-url-query";
import { notificationKeys, POLL_MS, type NotificationPage } from "./types";
import { useMarkRead } from "./use-mark-read";

const PAGE = 20;

const STATE_TONES = { pending: "amber", approved: "green", denied: "red", expired: "neutral", cancelled: "neutral" } as const;

/** All my notifications in this tenant, newest first; ?filter=unread shows the unread ones. */
export function NotificationList({ tenant, initial }: { tenant: string; initial: { unread: boolean; page: NotificationPage } }) {
  const [params, setParams, hrefOf] = useUrlQuery();
  const unreadOnly = params.get("filter") === "unread";
  const markRead = useMarkRead(tenant);
  const query = useInfiniteQuery({
    queryKey: notificationKeys.list(tenant, { unread: unreadOnly }),
    queryFn: ({ pageParam, signal }) =>
      api<NotificationPage>(tenantPath(tenant, "notifications", { limit: PAGE, after: pageParam, unread: unreadOnly ? "true" : undefined }), { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
    initialData: initial.unread === unreadOnly ? { pages: [initial.page], pageParams: [undefined] } : undefined,
    refetchInterval: POLL_MS,
  });
  const items = query.data?.pages.flatMap((p) => p.notifications) ?? [];
  const unread = query.data?.pages[0]?.unread ?? 0;
  const view = unreadOnly ? "unread" : "all";

  return (
    <section aria-labelledby="notifications-heading" className="space-y-3">
      <h2 id="notifications-heading" className="sr-only">Notifications</h2>
      <TabLinks
        label="Notification views"
        tabs={[
          { id: "all", label: "All", href: hrefOf({}) },
          { id: "unread", label: "Unread", href: hrefOf({ filter: "unread" }), count: unread || undefined },
        ]}
        current={view}
        onSelect={(v) => setParams(v === "unread" ? { filter: "unread" } : {})}
        aside={
          <Button size="sm" disabled={!unread || markRead.isPending} onClick={() => markRead.mutate({ all: true })}>
            <CheckCheck aria-hidden="true" className="size-3.5" />
            Mark all read
          </Button>
        }
      />
      {markRead.isError ? <Alert tone="error">Could not mark them read: {errorMessage(markRead.error)}</Alert> : null}
      {query.isError && !query.data ? (
        <Alert tone="error" title="Notifications could not be loaded">{errorMessage(query.error)}</Alert>
      ) : !query.data ? (
        <TableSkeleton label="Loading notifications" rows={5} />
      ) : items.length === 0 ? (
        <div className="rounded-lg border border-slate-200 bg-white">
          <EmptyState title={unreadOnly ? "No unread notifications" : "No notifications yet"}>
            Approval requests that wait for you, and the outcome of the ones you raise, are announced here.
          </EmptyState>
        </div>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white shadow-xs">
          <ul aria-label={unreadOnly ? "Unread notifications" : "All notifications"} className="divide-y divide-slate-100">
            {items.map((n) => (
              <li key={n.id} className={cn("flex items-start gap-3 px-4 py-3", !n.readAt && "bg-indigo-50/40")}>
                <span aria-hidden="true" className={cn("mt-1.5 size-2 shrink-0 rounded-full", n.readAt ? "bg-slate-200" : "bg-indigo-600")} />
                <div className="min-w-0 flex-1">
                  <p className={cn("text-sm", n.readAt ? "text-slate-800" : "font-medium text-slate-900")}>
                    {n.link ? (
                      <Link href={n.link} className="hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600" onClick={() => { if (!n.readAt) markRead.mutate({ ids: [n.id] }); }}>
                        {n.title}
                      </Link>
                    ) : n.title}
                    {n.readAt ? null : <span className="sr-only"> (unread)</span>}
                  </p>
                  {n.body ? <p className="mt-0.5 text-xs text-slate-600">{n.body}</p> : null}
                  <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-500">
                    {formatDateTime(n.createdAt)}
                    {n.requestState ? <Badge tone={STATE_TONES[n.requestState]}>request {n.requestState}</Badge> : null}
                  </p>
                </div>
                {n.readAt ? null : (
                  <Button size="sm" variant="ghost" disabled={markRead.isPending} onClick={() => markRead.mutate({ ids: [n.id] })}>
                    Mark read<span className="sr-only">: {n.title}</span>
                  </Button>
                )}
              </li>
            ))}
          </ul>
          <div className="flex items-center justify-between gap-2 border-t border-slate-200 px-4 py-2">
            <p className="text-xs text-slate-600">{plural(items.length, "notification")} shown{query.isFetching ? " · refreshing…" : ""}</p>
            {query.hasNextPage ? (
              <Button size="sm" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
                {query.isFetchingNextPage ? "Loading…" : "Load older"}
              </Button>
            ) : null}
          </div>
        </div>
      )}
    </section>
  );
}
