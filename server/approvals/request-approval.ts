// The one way any feature asks for a human decision. The request carries what exactly would happen,
// why the policy wants approval, who asked and who wrote the thing; the approval rule comes from the
// tenant's effective policy and is frozen into the request. Asking twice for the same subject and
// action while a request is pending returns that request (nothing is duplicated).
import { z } from "zod";
import { actorLabel } from "../authz/scope";
import { AppError } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import type { PolicyDecision } from "../policy/evaluate";
import type { Place } from "../policy/effective-governance";
import { redact } from "../redaction/redact";
import { dbNow } from "./approval-reads";
import { approvalSummary, RISKS, type ApprovalSummary } from "./approval-view";
import { effectiveApprovalRule, eligibleFilters } from "./effective-approval-rule";
import { notifyApprovers } from "../notifications/notify-approvers";

export const ZApprovalInput = z.object({
  kind: z.string().regex(/^[a-z0-9_]+$/),
  subjectType: z.string().min(1).max(40),
  subjectId: z.string().min(1).max(100),
  action: z.string().min(1).max(60),
  title: z.string().min(1).max(200),
  /** What exactly would happen: a command, a diff summary, a target count... */
  proposal: z.record(z.string(), z.unknown()),
  risk: z.enum(RISKS),
  contextKey: z.string().max(200).optional(),
  subjectAuthor: z.object({ id: z.string().nullable(), label: z.string() }).optional(),
  place: z.custom<Place>().optional(),
});
export type ApprovalInput = z.infer<typeof ZApprovalInput> & { policyDecision?: PolicyDecision };

export async function requestApproval(ctx: OpContext, input: ApprovalInput): Promise<ApprovalSummary & { created: boolean }> {
  const parsed = ZApprovalInput.parse(input);
  const tenantId = ctx.scope.tenant.id;
  const pendingKey = `${parsed.subjectType}:${parsed.subjectId}:${parsed.action}`;
  const existing = await ctx.tx.approvalRequest.findUnique({ where: { tenantId_pendingKey: { tenantId, pendingKey } }, include: { votes: { select: { vote: true } } } });
  if (existing) return { ...approvalSummary(existing), created: false };

  const rule = effectiveApprovalRule(ctx.scope.policy.active, parsed.kind, parsed.place ?? {});
  // Fail closed: without a rule nobody could approve, so the waiting work would wait forever.
  if (!rule) throw new AppError("unavailable", `no approval rule for requests of kind ${parsed.kind}; the policy must define one`);
  const { roles, teams } = eligibleFilters(rule);
  const actor = ctx.scope.actor;
  const now = await dbNow(ctx.tx);
  // Two identical asks at the same moment: the unique pending key lets one insert; the other's insert
  // waits for it, does nothing, and returns the request that won (ON CONFLICT DO NOTHING).
  const [created] = await ctx.tx.approvalRequest.createManyAndReturn({
    skipDuplicates: true,
    data: [{
      tenantId, kind: parsed.kind, subjectType: parsed.subjectType, subjectId: parsed.subjectId, action: parsed.action, pendingKey,
      title: redact(parsed.title), proposal: redact(parsed.proposal) as object, risk: parsed.risk, contextKey: parsed.contextKey ?? null,
      policyDecision: input.policyDecision ? (redact(input.policyDecision) as object) : undefined,
      rule, eligibleRoles: roles, eligibleTeams: teams,
      requesterId: actor.kind === "user" ? actor.id : actor.userId, requesterLabel: actorLabel(actor),
      subjectAuthorId: parsed.subjectAuthor?.id ?? null, subjectAuthorLabel: parsed.subjectAuthor?.label ?? null,
      createdAt: now, expiresAt: new Date(now.getTime() + rule.expiresInMs),
    }],
  });
  if (!created) {
    const winner = await ctx.tx.approvalRequest.findUnique({ where: { tenantId_pendingKey: { tenantId, pendingKey } }, include: { votes: { select: { vote: true } } } });
    if (!winner) throw new AppError("conflict", "the same request was raised and decided a moment ago; ask again");
    return { ...approvalSummary(winner), created: false };
  }
  await ctx.audit({
    action: "approval.request", resourceType: "approval", resourceId: created.id,
    after: { kind: created.kind, subject: `${created.subjectType}:${created.subjectId}`, action: created.action, risk: created.risk, expiresAt: created.expiresAt.toISOString(), rule: rule.sources },
  });
  await notifyApprovers(ctx, created);
  return { ...approvalSummary({ ...created, votes: [] }), created: true };
}
