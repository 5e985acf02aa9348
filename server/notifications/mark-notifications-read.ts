import type { z } from "zod";
import type { OpContext } from "../core/op-context";
import type { ZMarkRead } from "./notification-input";
import { recipientOf } from "./notification-view";

/**
 * Marks one's own notifications read. Ids of other people's notifications (or of another tenant's)
 * are not an error and change nothing: the where clause only ever names one's own.
 */
export async function markNotificationsRead(ctx: OpContext, input: z.infer<typeof ZMarkRead>): Promise<{ updated: number; unread: number }> {
  const mine = { tenantId: ctx.scope.tenant.id, userId: recipientOf(ctx.scope.actor) };
  const ids = input.ids ? [...new Set(input.ids)] : null;
  const { count } = await ctx.tx.notification.updateMany({ where: { ...mine, readAt: null, ...(ids ? { id: { in: ids } } : {}) }, data: { readAt: new Date() } });
  await ctx.audit({ action: "notification.mark_read", resourceType: "notification", after: { scope: ids ? "ids" : "all", requested: ids?.length ?? null, updated: count } });
  const unread = await ctx.tx.notification.count({ where: { ...mine, readAt: null } });
  return { updated: count, unread };
}
