import { z } from "zod";
import type { Prisma } from "../db/client";
import type { OpContext } from "../core/op-context";
import { notificationInclude, notificationView, recipientOf, ZNotification, type NotificationView } from "./notification-view";

export const ZNotificationFilter = z.object({
  unread: z.enum(["true", "false"]).transform((v) => v === "true").optional().describe("true: only unread ones"),
  /** Keyset cursor: the last id of the previous page. */
  after: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
}).strict();

export const ZNotificationList = z.object({
  notifications: z.array(ZNotification).describe("newest first"),
  unread: z.number().int().describe("all of one's unread notifications in this tenant"),
  nextAfter: z.string().nullable(),
});

/** One's own notifications in this tenant, newest first, with the unread count. */
export async function listNotifications(ctx: OpContext, f: z.infer<typeof ZNotificationFilter>): Promise<{ notifications: NotificationView[]; unread: number; nextAfter: string | null }> {
  const mine = { tenantId: ctx.scope.tenant.id, userId: recipientOf(ctx.scope.actor) };
  const where: Prisma.NotificationWhereInput = { ...mine, ...(f.unread ? { readAt: null } : {}) };
  if (f.after) {
    const last = await ctx.tx.notification.findFirst({ where: { ...mine, id: f.after }, select: { id: true, createdAt: true } });
    if (last) where.OR = [{ createdAt: { lt: last.createdAt } }, { createdAt: last.createdAt, id: { lt: last.id } }];
  }
  const [rows, unread] = await Promise.all([
    ctx.tx.notification.findMany({ where, include: notificationInclude, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: f.limit + 1 }),
    ctx.tx.notification.count({ where: { ...mine, readAt: null } }),
  ]);
  const page = rows.slice(0, f.limit);
  return { notifications: page.map(notificationView), unread, nextAfter: rows.length > f.limit ? page.at(-1)!.id : null };
}
