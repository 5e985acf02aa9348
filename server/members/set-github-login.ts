// Linking a member to their GitHub login (or unlinking): one login per person per tenant, compared
// as GitHub does, without case. Their reviews of PRs they asked for are then known as theirs.
import { AppError, notFound } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { memberInclude, memberView, type MemberView } from "./member-view";

export async function setGithubLogin(ctx: OpContext, memberId: string, githubLogin: string | null): Promise<MemberView> {
  const tenantId = ctx.scope.tenant.id;
  const before = await ctx.tx.membership.findFirst({ where: { id: memberId, tenantId }, include: memberInclude });
  if (!before) throw notFound("member");
  if (githubLogin !== null) {
    const holder = await ctx.tx.membership.findFirst({
      where: { tenantId, id: { not: before.id }, githubLogin: { equals: githubLogin, mode: "insensitive" } }, include: memberInclude,
    });
    if (holder) {
      throw new AppError("validation_failed", `body.githubLogin: ${githubLogin} is already linked to ${holder.user.email}`, {
        issues: [{ path: "body.githubLogin", message: `already linked to ${holder.user.email}` }],
      });
    }
  }
  const m = await ctx.tx.membership.update({ where: { id: before.id }, data: { githubLogin }, include: memberInclude });
  await ctx.audit({
    action: "member.set_github_login", resourceType: "membership", resourceId: m.id,
    before: { email: before.user.email, githubLogin: before.githubLogin }, after: { email: m.user.email, githubLogin: m.githubLogin },
  });
  return memberView(m);
}
