// Approval lists. The inbox is what the person may decide: pending, not expired, their roles or
// teams accepted by the request's rule, not raised or authored by them, not voted on yet; most
// urgent first. "mine" is what they raised; "all" is for those who oversee (audit.read).
import type { z } from "zod";
import type { Actor } from "../authz/scope";
import type { Prisma, Tx } from "../db/client";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import type { ZApprovalFilter } from "./approval-input";
import { approvalSummary } from "./approval-view";

export type Eligibility = { userId: string; tenants: { tenantId: string; roles: string[]; teams: string[] }[]; platformAdmin: boolean };

/** The inbox condition for a person over the tenants given (their memberships). */
export function inboxWhere(e: Eligibility, now: Date): Prisma.ApprovalRequestWhereInput {
  return {
    state: "pending",
    expiresAt: { gt: now },
    OR: e.tenants.flatMap((t) => {
      const roles = e.platformAdmin ? [...t.roles, "platform_admin"] : t.roles;
      return [
        ...(roles.length ? [{ tenantId: t.tenantId, eligibleRoles: { hasSome: roles } }] : []),
        ...(t.teams.length ? [{ tenantId: t.tenantId, eligibleTeams: { hasSome: t.teams } }] : []),
      ];
    }),
    // Written out because NOT (x = me) is not true for a NULL x in SQL.
    AND: [
      { OR: [{ requesterId: null }, { requesterId: { not: e.userId } }] },
      { OR: [{ subjectAuthorId: null }, { subjectAuthorId: { not: e.userId } }] },
    ],
    votes: { none: { voterId: e.userId } },
  };
}

export async function eligibilityIn(tx: Tx, actor: Actor, tenantId: string, roles: readonly string[]): Promise<Eligibility | null> {
  if (actor.kind !== "user") return null;
  const teams = await tx.teamMember.findMany({ where: { tenantId, userId: actor.id }, select: { team: { select: { slug: true } } } });
  return { userId: actor.id, platformAdmin: false, tenants: [{ tenantId, roles: [...roles], teams: teams.map((t) => t.team.slug) }] };
}

const INBOX_ORDER: Prisma.ApprovalRequestOrderByWithRelationInput[] = [{ expiresAt: "asc" }, { id: "asc" }];
const RECENT_ORDER: Prisma.ApprovalRequestOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];

export async function listApprovals(ctx: OpContext, f: z.infer<typeof ZApprovalFilter>) {
  const tenantId = ctx.scope.tenant.id;
  const actor = ctx.scope.actor;
  const me = actor.kind === "user" ? actor.id : actor.userId;
  const now = new Date();
  let where: Prisma.ApprovalRequestWhereInput;
  if (f.view === "inbox") {
    const e = await eligibilityIn(ctx.tx, actor, tenantId, ctx.scope.roles);
    if (!e) return { approvals: [], nextAfter: null };
    where = { tenantId, ...inboxWhere(e, now) };
  } else if (f.view === "mine") {
    where = { tenantId, requesterId: me };
  } else {
    if (!ctx.scope.permissions.has("audit.read")) throw new AppError("forbidden", "missing permission audit.read (needed to see every request)");
    where = { tenantId };
  }
  if (f.state && f.view !== "inbox") where.state = f.state;
  if (f.kind) where.kind = f.kind;
  const order = f.view === "inbox" ? INBOX_ORDER : RECENT_ORDER;
  const rows = await ctx.tx.approvalRequest.findMany({
    where, orderBy: order, take: f.limit + 1, include: { votes: { select: { vote: true } } },
    ...(f.after ? { cursor: { id: f.after }, skip: 1 } : {}),
  });
  const page = rows.slice(0, f.limit);
  return { approvals: page.map(approvalSummary), nextAfter: rows.length > f.limit ? page.at(-1)!.id : null };
}

/** Counts for the navigation: requests waiting for me, and my own still pending. */
export async function approvalCounts(ctx: OpContext): Promise<{ inbox: number; mine: number }> {
  const tenantId = ctx.scope.tenant.id;
  const actor = ctx.scope.actor;
  const e = await eligibilityIn(ctx.tx, actor, tenantId, ctx.scope.roles);
  const me = actor.kind === "user" ? actor.id : actor.userId;
  const [inbox, mine] = await Promise.all([
    e ? ctx.tx.approvalRequest.count({ where: { tenantId, ...inboxWhere(e, new Date()) } }) : 0,
    ctx.tx.approvalRequest.count({ where: { tenantId, requesterId: me, state: "pending" } }),
  ]);
  return { inbox, mine };
}
