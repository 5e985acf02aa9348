// A global kill switch stops every tenant: it has no tenant and every tenant sees it. Setting or
// releasing one needs killswitch.global, which the routes declare (server/http/route-conditions.ts
// names this check).
import type { OpContext } from "../core/op-context";

/**
 * Whether the id names a global switch. Only global rows are looked at: another tenant's switch
 * answers false, so its release goes on to the operation's 404, like a missing one.
 */
export async function isGlobalSwitch(ctx: OpContext, id: string): Promise<boolean> {
  return (await ctx.tx.killSwitch.findFirst({ where: { id, tenantId: null }, select: { id: true } })) !== null;
}
