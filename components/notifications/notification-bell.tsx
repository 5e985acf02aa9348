"use client";

import * as Menu from "@radix-ui/react-dropdown-menu";
import { useQuery } from "@tanstack/react-query";
import { Bell, CheckCheck } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { api, tenantPath } from "../api/api-client";
import { ApiError, errorMessage } from "../api/api-error";
import { cn } from "../ui/cn";
import { formatDateTime } from "../ui/format";
import { menuContentClass } from "../shell/menu-styles";
import { notificationKeys, POLL_MS, type NotificationPage } from "./types";
import { useMarkRead } from "./use-mark-read";

const SHOWN = 8;

/** The header's bell: my unread count, polled, and the latest notifications in a menu. */
export function NotificationBell({ tenant }: { tenant: string }) {
  const router = useRouter();
  const markRead = useMarkRead(tenant);
  const query = useQuery({
    queryKey: notificationKeys.bell(tenant),
    queryFn: ({ signal }) => api<NotificationPage>(tenantPath(tenant, "notifications", { limit: SHOWN }), { signal }),
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
  });
  // Someone without notifications here (no permission) sees no bell at all.
  if (query.error instanceof ApiError && (query.error.status === 403 || query.error.status === 404)) return null;
  const unread = query.data?.unread ?? 0;
  const items = query.data?.notifications ?? [];
  const label = unread ? `Notifications, ${unread} unread` : "Notifications";

  return (
    <Menu.Root modal={false}>
      <Menu.Trigger
        aria-label={label}
        className="relative rounded-md p-1.5 text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <Bell aria-hidden="true" className="size-5" />
        {unread ? (
          <span aria-hidden="true" data-testid="notification-count" className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-semibold text-white">
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content align="end" sideOffset={6} className={cn(menuContentClass, "w-96 max-w-[calc(100vw-1rem)] p-0")}>
          <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-3 py-2">
            <Menu.Label className="text-sm font-semibold text-slate-900">Notifications</Menu.Label>
            {unread ? (
              <Menu.Item
                className="flex cursor-default items-center gap-1 rounded px-1.5 py-1 text-xs font-medium text-indigo-700 outline-none data-[highlighted]:bg-indigo-50"
                onSelect={(e) => { e.preventDefault(); markRead.mutate({ all: true }); }}
              >
                <CheckCheck aria-hidden="true" className="size-3.5" />
                Mark all read
              </Menu.Item>
            ) : null}
          </div>
          {query.isError ? (
            <p role="alert" className="px-3 py-4 text-sm text-red-800">Notifications could not be loaded: {errorMessage(query.error)}</p>
          ) : !query.data ? (
            <p className="px-3 py-4 text-sm text-slate-600">Loading…</p>
          ) : items.length === 0 ? (
            <p className="px-3 py-6 text-center text-sm text-slate-600">Nothing yet. Requests that wait for you will show up here.</p>
          ) : (
            <div className="max-h-96 overflow-y-auto py-1">
              {items.map((n) => (
                <Menu.Item
                  key={n.id}
                  className="flex cursor-default gap-2 px-3 py-2 outline-none data-[highlighted]:bg-slate-100"
                  onSelect={() => {
                    if (!n.readAt) markRead.mutate({ ids: [n.id] });
                    if (n.link) router.push(n.link);
                  }}
                >
                  <span aria-hidden="true" className={cn("mt-1.5 size-2 shrink-0 rounded-full", n.readAt ? "bg-transparent" : "bg-indigo-600")} />
                  <span className="min-w-0">
                    <span className={cn("block truncate text-sm", n.readAt ? "text-slate-700" : "font-medium text-slate-900")}>
                      {n.title}
                      {n.readAt ? null : <span className="sr-only"> (unread)</span>}
                    </span>
                    {n.body ? <span className="block truncate text-xs text-slate-600">{n.body}</span> : null}
                    <span className="block text-[11px] text-slate-500">
                      {formatDateTime(n.createdAt)}
                      {n.requestState && n.requestState !== "pending" ? ` · now ${n.requestState}` : ""}
                    </span>
                  </span>
                </Menu.Item>
              ))}
            </div>
          )}
          <div className="border-t border-slate-200 px-3 py-2">
            <Menu.Item asChild>
              <Link href={`/${tenant}/notifications`} className="block rounded px-1 py-0.5 text-sm font-medium text-indigo-700 outline-none hover:underline data-[highlighted]:bg-indigo-50">
                See all notifications
              </Link>
            </Menu.Item>
          </div>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
