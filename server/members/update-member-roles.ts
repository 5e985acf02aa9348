import type { z } from "zod";
import { notFound } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { ensureTenantAdminRemains, lockTenantMemberships } from "./ensure-tenant-admin";
import type { ZUpdateMemberRoles } from "./member-input";
import { memberInclude, memberView, type MemberView } from "./member-view";

export async function updateMemberRoles(ctx: OpContext, memberId: string, input: z.infer<typeof ZUpdateMemberRoles>): Promise<MemberView> {
  await lockTenantMemberships(ctx.tx, ctx.scope.tenant.id);
  const where = { id: memberId, tenantId: ctx.scope.tenant.id };
  const before = await ctx.tx.membership.findFirst({ where, include: memberInclude });
  if (!before) throw notFound("member");
  const m = await ctx.tx.membership.update({ where: { id: before.id }, data: { roles: input.roles }, include: memberInclude });
  await ensureTenantAdminRemains(ctx);
  await ctx.audit({
    action: "member.update_roles", resourceType: "membership", resourceId: m.id,
    before: { email: before.user.email, roles: before.roles }, after: { email: m.user.email, roles: m.roles },
  });
  return memberView(m);
}
