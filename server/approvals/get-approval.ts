// One request as an approver needs it: what would happen, why approval is needed (the policy's
// decision and matched rules), who asked, who may decide and who already did, how far the rule is
// met, and how similar requests for the same repository or campaign ended.
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { dbNow, teamsOf } from "./approval-reads";
import { approvalSummary, ruleOf, voteView, type ApprovalDetail } from "./approval-view";
import { describeRule, matchesFilter } from "./effective-approval-rule";
import { eligibleApprovers } from "./eligible-approvers";
import { tally } from "./tally";

export async function getApproval(ctx: OpContext, approvalId: string): Promise<ApprovalDetail> {
  const tenantId = ctx.scope.tenant.id;
  const r = await ctx.tx.approvalRequest.findFirst({ where: { id: approvalId, tenantId }, include: { votes: { orderBy: { createdAt: "asc" } } } });
  if (!r) throw new AppError("not_found", "approval request not found");
  const actor = ctx.scope.actor;
  const me = actor.kind === "user" ? actor.id : actor.userId;
  const rule = ruleOf(r);
  const teams = await teamsOf(ctx.tx, tenantId, me);
  const matches = rule.alternatives.flat().some((t) => matchesFilter(t.from, { roles: ctx.scope.roles, teams }));
  // Those who oversee see every request; others the ones they raised or may decide.
  const oversees = ctx.scope.permissions.has("audit.read");
  if (!oversees && r.requesterId !== me && !matches && r.subjectAuthorId !== me) throw new AppError("not_found", "approval request not found");

  const [people, similar, now] = await Promise.all([
    eligibleApprovers(ctx.tx, r, rule),
    r.contextKey
      ? ctx.tx.approvalRequest.findMany({
          where: { tenantId, kind: r.kind, contextKey: r.contextKey, id: { not: r.id } }, orderBy: { createdAt: "desc" }, take: 10,
          include: { votes: { select: { vote: true } } },
        })
      : Promise.resolve([]),
    dbNow(ctx.tx),
  ]);
  const voteOf = new Map(r.votes.map((v) => [v.voterId, v.vote as "approve" | "deny"]));
  const t = tally(rule, r.votes.map((v) => ({ voterId: v.voterId, vote: v.vote as "approve" | "deny", roles: v.roles, teams: v.teams })));
  const why =
    r.state !== "pending" ? `this request is ${r.state}`
      : r.expiresAt <= now ? "this request has expired"
      : r.requesterId === me ? "you raised this request"
      : r.subjectAuthorId === me ? "you wrote what this request is about"
      : voteOf.has(me) ? `you voted ${voteOf.get(me)}`
      : actor.kind !== "user" || !matches || !ctx.scope.permissions.has("approval.decide") ? `the rule asks for ${describeRule(rule)}`
      : null;
  return {
    ...approvalSummary(r),
    action: r.action,
    proposal: r.proposal as Record<string, unknown>,
    policyDecision: r.policyDecision ?? null,
    rule: { ...rule, description: describeRule(rule) },
    progress: t.progress,
    votes: r.votes.map(voteView),
    eligible: people.map((p) => ({ email: p.email, name: p.name, roles: p.roles, teams: p.teams, voted: voteOf.get(p.userId) ?? null })),
    similar: similar.map(approvalSummary),
    me: {
      canVote: why === null, why,
      canCancel: r.state === "pending" && r.requesterId === me && ctx.scope.permissions.has("approval.cancel"),
      reasonRequired: { approve: rule.reason.approve === "required", deny: rule.reason.deny === "required" },
    },
  };
}
