import { notFound } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { endSessions } from "../sessions/end-sessions";
import { memberInclude } from "./member-view";

/**
 * Signs a member out everywhere: every session of theirs ends and their next request must sign in
 * again. Sessions are the person's, not the tenant's, so this reaches their other tenants too; their
 * API tokens are separate (revoked under API tokens).
 */
export async function endMemberSessions(ctx: OpContext, memberId: string): Promise<{ id: string; ended: number }> {
  const member = await ctx.tx.membership.findFirst({ where: { id: memberId, tenantId: ctx.scope.tenant.id }, include: memberInclude });
  if (!member) throw notFound("member");
  const by = ctx.scope.actor.kind === "user" ? ctx.scope.actor.id : ctx.scope.actor.userId;
  const ended = await endSessions(ctx.tx, { userId: member.userId }, { userId: by, reason: "ended_by_admin" });
  await ctx.audit({ action: "member.end_sessions", resourceType: "membership", resourceId: member.id, payload: { email: member.user.email, ended: ended.length } });
  return { id: member.id, ended: ended.length };
}
