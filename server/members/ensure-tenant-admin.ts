import { AppError } from "../http/app-error";
import type { OpContext } from "../http/with-authz";

/** A tenant must keep at least one tenant admin, or nobody could manage it without a platform admin. */
export async function ensureTenantAdminRemains(ctx: OpContext): Promise<void> {
  const admins = await ctx.tx.membership.count({ where: { tenantId: ctx.scope.tenant.id, roles: { has: "tenant_admin" } } });
  if (admins === 0) throw new AppError("conflict", "the tenant must keep at least one tenant admin");
}
