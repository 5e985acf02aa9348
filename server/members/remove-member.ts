import { notFound } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { ensureTenantAdminRemains, lockTenantMemberships } from "./ensure-tenant-admin";
import { memberInclude } from "./member-view";

export async function removeMember(ctx: OpContext, memberId: string): Promise<{ removed: true; id: string }> {
  await lockTenantMemberships(ctx.tx, ctx.scope.tenant.id);
  const before = await ctx.tx.membership.findFirst({ where: { id: memberId, tenantId: ctx.scope.tenant.id }, include: memberInclude });
  if (!before) throw notFound("member");
  await ctx.tx.membership.delete({ where: { id: before.id } });
  await ensureTenantAdminRemains(ctx);
  await ctx.audit({ action: "member.remove", resourceType: "membership", resourceId: before.id, before: { email: before.user.email, roles: before.roles } });
  return { removed: true, id: before.id };
}
