// A GitHub login the sign-in provider vouches for (a `github_login` claim in its OIDC profile), set
// on each of the person's memberships that has none, where no one else in that tenant has it. A login
// a tenant admin linked is never replaced; a claim that is not a GitHub login is ignored. Never fails
// the sign-in: a problem is logged and the person signs in as usual.
import { appendAuditEvents, type AuditInput } from "../audit/append-event";
import { db } from "../db/client";
import { ZGithubLogin } from "../github/installations/github-names";
import { logger } from "../log/logger";

export const GITHUB_LOGIN_CLAIM = "github_login";

/** How many memberships took the login. */
export async function adoptGithubLogin(userId: string, claim: unknown): Promise<number> {
  const parsed = ZGithubLogin.safeParse(claim);
  if (claim === undefined || claim === null || !parsed.success) return 0;
  const login = parsed.data;
  try {
    return await db.$transaction(async (tx) => {
      const mine = await tx.membership.findMany({ where: { userId, githubLogin: null }, include: { user: { select: { email: true } } }, orderBy: { tenantId: "asc" } });
      const events: AuditInput[] = [];
      for (const m of mine) {
        const taken = await tx.membership.count({ where: { tenantId: m.tenantId, githubLogin: { equals: login, mode: "insensitive" } } });
        if (taken) continue;
        await tx.membership.update({ where: { id: m.id }, data: { githubLogin: login } });
        events.push({
          tenantId: m.tenantId, actorType: "user", actorId: userId, actorLabel: m.user.email,
          action: "member.set_github_login", resourceType: "membership", resourceId: m.id,
          before: { email: m.user.email, githubLogin: null }, after: { email: m.user.email, githubLogin: login, via: "sign_in_provider" },
        });
      }
      await appendAuditEvents(tx, events);
      return events.length;
    });
  } catch (e) {
    logger.warn("the sign-in provider's GitHub login could not be linked", { user: userId, error: (e as Error).message });
    return 0;
  }
}
