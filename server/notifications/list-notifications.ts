import type { z } from "zod";
import type { Prisma } from "../db/client";
import type { OpContext } from "../core/op-context";
import type { ZNotificationFilter } from "./notification-input";
import { notificationInclude, notificationView, recipientOf, type NotificationView } from "./notification-view";

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
