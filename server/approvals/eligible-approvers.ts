// The people who may decide a request: members whose roles or teams a threshold accepts (platform
// admins when a threshold names them), never the requester or the subject's author.
import type { Tx } from "../db/client";
import type { ApprovalRequest } from "../db/generated/client";
import type { EffectiveApprovalRule } from "./approval-view";
import { matchesFilter } from "./effective-approval-rule";

export type EligiblePerson = { userId: string; email: string; name: string; roles: string[]; teams: string[] };

const LIMIT = 500;

export async function eligibleApprovers(
  tx: Tx, request: Pick<ApprovalRequest, "tenantId" | "eligibleRoles" | "eligibleTeams" | "requesterId" | "subjectAuthorId">, rule: EffectiveApprovalRule,
): Promise<EligiblePerson[]> {
  const { tenantId } = request;
  const excluded = [request.requesterId, request.subjectAuthorId].filter((x): x is string => !!x);
  const teamMembers = request.eligibleTeams.length
    ? await tx.teamMember.findMany({ where: { tenantId, team: { slug: { in: request.eligibleTeams } } }, select: { userId: true, team: { select: { slug: true } } } })
    : [];
  const [members, admins] = await Promise.all([
    tx.membership.findMany({
      where: {
        tenantId, userId: { notIn: excluded }, user: { disabled: false },
        OR: [{ roles: { hasSome: request.eligibleRoles } }, { userId: { in: teamMembers.map((t) => t.userId) } }],
      },
      select: { userId: true, roles: true, user: { select: { email: true, name: true } } },
      orderBy: { user: { email: "asc" } },
      take: LIMIT,
    }),
    request.eligibleRoles.includes("platform_admin")
      ? tx.user.findMany({ where: { platformAdmin: true, disabled: false, id: { notIn: excluded } }, select: { id: true, email: true, name: true }, take: LIMIT })
      : Promise.resolve([]),
  ]);
  const teams = new Map<string, string[]>();
  for (const t of teamMembers) teams.set(t.userId, [...(teams.get(t.userId) ?? []), t.team.slug]);
  const people = new Map<string, EligiblePerson>();
  for (const m of members) people.set(m.userId, { userId: m.userId, email: m.user.email, name: m.user.name, roles: [...m.roles], teams: teams.get(m.userId) ?? [] });
  for (const a of admins) {
    const p = people.get(a.id) ?? { userId: a.id, email: a.email, name: a.name, roles: [], teams: teams.get(a.id) ?? [] };
    p.roles = [...new Set([...p.roles, "platform_admin"])];
    people.set(a.id, p);
  }
  const thresholds = rule.alternatives.flat();
  return [...people.values()]
    .filter((p) => thresholds.some((t) => matchesFilter(t.from, p)))
    .sort((a, b) => a.email.localeCompare(b.email));
}
