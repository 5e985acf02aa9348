import type { OpContext } from "../core/op-context";

export function describeTenant(ctx: OpContext) {
  const { tenant, roles, permissions } = ctx.scope;
  return { tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name, status: tenant.status }, roles, permissions: [...permissions].sort() };
}
