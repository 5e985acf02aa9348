import type { NotificationView } from "@/server/notifications/notification-view";

export type { NotificationView };
export type NotificationPage = { notifications: NotificationView[]; unread: number; nextAfter: string | null };

export const notificationKeys = {
  all: (t: string) => ["tenant", t, "notifications"] as const,
  bell: (t: string) => ["tenant", t, "notifications", "bell"] as const,
  list: (t: string, filter: { unread: boolean }) => ["tenant", t, "notifications", "list", filter] as const,
};

/** How often the bell and the list ask for new notifications. */
export const POLL_MS = 15_000;
