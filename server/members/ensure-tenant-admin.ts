import type { Tx } from "../db/client";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";

/**
 * Serialises membership changes and invitations within a tenant: without it two admins removing
 * each other at the same moment would each still see the other and leave the tenant with no admin,
 * and two invitations of one address could both be made.
 */
export async function lockTenantMemberships(tx: Tx, tenantId: string): Promise<void> {
  // NO KEY UPDATE: conflicts with itself, not with the key-share locks that inserting rows which
  // reference the tenant take, so other writers in the tenant are not held up.
  await tx.$queryRaw`SELECT 1 FROM "Tenant" WHERE id = ${tenantId} FOR NO KEY UPDATE`;
}

/** A tenant must keep at least one tenant admin, or nobody could manage it without a platform admin. */
export async function ensureTenantAdminRemains(ctx: OpContext): Promise<void> {
  const admins = await ctx.tx.membership.count({ where: { tenantId: ctx.scope.tenant.id, roles: { has: "tenant_admin" } } });
  if (admins === 0) throw new AppError("conflict", "the tenant must keep at least one tenant admin");
}
