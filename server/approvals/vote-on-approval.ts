// One person's approve or deny. The request row is locked first, so two approvers clicking at once,
// a double click, a vote after expiry or after the request was decided all see the one true state:
// exactly one vote decides, every late one is refused with what happened, and nothing is recorded
// twice (a unique vote per person backs this up). The outcome's job is enqueued after the commit.
import type { z } from "zod";
import { actorLabel } from "../authz/scope";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import type { ZVote } from "./approval-input";
import { dbNow, teamsOf } from "./approval-reads";
import { ruleOf } from "./approval-view";
import { describeRule, matchesFilter } from "./effective-approval-rule";
import { enqueueOutcome } from "./outcome-job";
import { tally, type Vote } from "./tally";

/** Locks a request of the scope's tenant, or answers 404 as for a missing one. */
export async function lockApproval(ctx: OpContext, approvalId: string) {
  const rows = await ctx.tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "ApprovalRequest" WHERE id = ${approvalId} AND "tenantId" = ${ctx.scope.tenant.id} FOR UPDATE`;
  if (rows.length === 0) throw new AppError("not_found", "approval request not found");
  return ctx.tx.approvalRequest.findUniqueOrThrow({ where: { id: approvalId }, include: { votes: true } });
}

export function refuseUnlessPending(r: { state: string; decidedAt: Date | null; outcomeReason: string | null }): void {
  if (r.state !== "pending") {
    throw new AppError("conflict", `this request is already ${r.state}${r.outcomeReason ? ` (${r.outcomeReason})` : ""}; nothing was recorded`);
  }
}

export async function voteOnApproval(ctx: OpContext, approvalId: string, input: z.infer<typeof ZVote>) {
  const r = await lockApproval(ctx, approvalId);
  refuseUnlessPending(r);
  const now = await dbNow(ctx.tx);
  if (r.expiresAt <= now) throw new AppError("conflict", `this request expired at ${r.expiresAt.toISOString()}; nothing was recorded`);

  const actor = ctx.scope.actor;
  const me = actor.kind === "user" ? actor.id : actor.userId;
  if (r.requesterId === me) throw new AppError("forbidden", "separation of duties: you raised this request; another eligible person must decide it");
  if (r.subjectAuthorId === me) throw new AppError("forbidden", "separation of duties: you wrote what this request is about; another eligible person must decide it");
  const rule = ruleOf(r);
  const voter = { roles: [...ctx.scope.roles], teams: await teamsOf(ctx.tx, r.tenantId, me) };
  if (actor.kind !== "user" || !rule.alternatives.flat().some((t) => matchesFilter(t.from, voter))) {
    throw new AppError("forbidden", `not eligible: the approval rule (${rule.sources.join(", ")}) asks for ${describeRule(rule)}`);
  }
  const mine = r.votes.find((v) => v.voterId === me);
  if (mine) throw new AppError("conflict", `you already voted ${mine.vote} on this request; nothing was recorded`);
  const reasonRule = input.vote === "approve" ? rule.reason.approve : rule.reason.deny;
  if (reasonRule === "required" && !input.reason) {
    throw new AppError("validation_failed", `a reason is required to ${input.vote}`, { issues: [{ path: "body.reason", message: `required to ${input.vote} this request` }] });
  }

  await ctx.tx.approvalVote.create({
    data: { tenantId: r.tenantId, requestId: r.id, voterId: me, voterLabel: actorLabel(actor), vote: input.vote, reason: input.reason ?? null, ...voter },
  });
  const votes: Vote[] = [...r.votes.map((v) => ({ voterId: v.voterId, vote: v.vote as Vote["vote"], roles: v.roles, teams: v.teams })), { voterId: me, vote: input.vote, ...voter }];
  const t = tally(rule, votes);
  await ctx.audit({ action: "approval.vote", resourceType: "approval", resourceId: r.id, after: { vote: input.vote, reason: input.reason ?? null, outcome: t.outcome } });
  if (t.outcome !== "pending") {
    const voters = [...r.votes.filter((v) => v.vote === (t.outcome === "approved" ? "approve" : "deny")).map((v) => v.voterLabel), actorLabel(actor)];
    const outcomeReason = `${t.outcome} by ${[...new Set(voters)].join(", ")}${t.outcome === "denied" && input.reason ? `: ${input.reason}` : ""}`;
    await ctx.tx.approvalRequest.update({ where: { id: r.id }, data: { state: t.outcome, decidedAt: now, pendingKey: null, outcomeReason } });
    await ctx.audit({ action: "approval.decide", resourceType: "approval", resourceId: r.id, after: { state: t.outcome, outcomeReason, kind: r.kind, subject: `${r.subjectType}:${r.subjectId}` } });
    ctx.afterCommit(() => enqueueOutcome(r.id));
  }
  return { id: r.id, state: t.outcome, approvals: t.approvals, denials: t.denials, progress: t.progress };
}
