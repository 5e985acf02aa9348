import { z } from "zod";
import type { Notification } from "../db/generated/client";
import { APPROVAL_STATES } from "../approvals/approval-view";

export const ZNotification = z.object({
  id: z.string(),
  kind: z.string().describe("approval.requested, approval.decided, changeset.needs_human"),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable().describe("console path to open, e.g. /acme/approvals/<id>"),
  requestId: z.string().nullable(),
  /** Where the request stands now: a notification about a decided request no longer asks for anything. */
  requestState: z.enum(APPROVAL_STATES).nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof ZNotification>;

export const notificationInclude = { request: { select: { state: true } } } as const;

export function notificationView(n: Notification & { request: { state: string } | null }): NotificationView {
  return {
    id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, requestId: n.requestId,
    requestState: (n.request?.state ?? null) as NotificationView["requestState"],
    createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null,
  };
}

/** Whose notifications an actor reads: a person's own; an API token's are its creator's. */
export const recipientOf = (actor: { kind: "user"; id: string } | { kind: "token"; userId: string }) => (actor.kind === "user" ? actor.id : actor.userId);

export const ZNotificationList = z.object({
  notifications: z.array(ZNotification).describe("newest first"),
  unread: z.number().int().describe("all of one's unread notifications in this tenant"),
  nextAfter: z.string().nullable(),
});
