import type { z } from "zod";
import type { OpContext } from "../core/op-context";
import type { ZListMembersQuery } from "./member-input";
import { memberInclude, memberView, type MemberView } from "./member-view";

export async function listMembers(ctx: OpContext, query: z.infer<typeof ZListMembersQuery>): Promise<{ members: MemberView[] }> {
  const rows = await ctx.tx.membership.findMany({
    where: {
      tenantId: ctx.scope.tenant.id,
      ...(query.role ? { roles: { has: query.role } } : {}),
      ...(query.q ? { user: { OR: [{ email: { contains: query.q, mode: "insensitive" } }, { name: { contains: query.q, mode: "insensitive" } }] } } : {}),
    },
    include: memberInclude,
    orderBy: { user: { email: "asc" } },
    take: 1000,
  });
  return { members: rows.map(memberView) };
}
