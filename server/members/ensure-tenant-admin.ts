import { AppError } from "../http/app-error";
import type { OpContext } from "../http/op-context";

/**
 * Serialises membership changes within a tenant: without it two admins removing each other at
 * the same moment would each still see the other and leave the tenant with no admin.
 */
export async function lockTenantMemberships(ctx: OpContext): Promise<void> {
  // NO KEY UPDATE: conflicts with itself, not with the key-share locks that inserting rows which
  // reference the tenant take, so other writers in the tenant are not held up.
  await ctx.tx.$queryRaw`SELECT 1 FROM "Tenant" WHERE id = ${ctx.scope.tenant.id} FOR NO KEY UPDATE`;
}

/** A tenant must keep at least one tenant admin, or nobody could manage it without a platform admin. */
export async function ensureTenantAdminRemains(ctx: OpContext): Promise<void> {
  const admins = await ctx.tx.membership.count({ where: { tenantId: ctx.scope.tenant.id, roles: { has: "tenant_admin" } } });
  if (admins === 0) throw new AppError("conflict", "the tenant must keep at least one tenant admin");
}
