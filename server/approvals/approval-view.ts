// What the API and the console show of approval requests.
import { z } from "zod";
import type { ApprovalRequest, ApprovalVote } from "../db/generated/client";

export const APPROVAL_STATES = ["pending", "approved", "denied", "expired", "cancelled"] as const;
export const RISKS = ["low", "medium", "high", "critical"] as const;

/** The approval rule for one kind of request in one place, as computed by effective-approval-rule.ts. */
export const ZEffectiveApprovalRule = z.object({
  kind: z.string(),
  /** Met when every threshold of any one alternative is met. */
  alternatives: z.array(z.array(z.object({
    approvals: z.number().int(),
    from: z.object({ roles: z.array(z.string()).optional(), teams: z.array(z.string()).optional() }),
  }))),
  denials: z.number().int(),
  reason: z.object({ approve: z.enum(["optional", "required"]), deny: z.enum(["optional", "required"]) }),
  expiresInMs: z.number().int(),
  /** "policy/kind" of every rule that contributed, highest level first. */
  sources: z.array(z.string()),
});
export type EffectiveApprovalRule = z.infer<typeof ZEffectiveApprovalRule>;

export const ZApprovalSummary = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  risk: z.enum(RISKS),
  state: z.enum(APPROVAL_STATES),
  requesterLabel: z.string(),
  subjectAuthorLabel: z.string().nullable(),
  contextKey: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  decidedAt: z.string().nullable(),
  outcomeReason: z.string().nullable(),
  approvals: z.number().int(),
  /** Approvals the easiest alternative of the rule needs ("1 of 2"). */
  approvalsNeeded: z.number().int(),
  denials: z.number().int(),
  /** When the waiting work was resumed or abandoned, and how. */
  appliedAt: z.string().nullable(),
  applyResult: z.string().nullable(),
});
export type ApprovalSummary = z.infer<typeof ZApprovalSummary>;

export const ZApprovalVote = z.object({
  voterLabel: z.string(),
  vote: z.enum(["approve", "deny"]),
  reason: z.string().nullable(),
  roles: z.array(z.string()),
  teams: z.array(z.string()),
  createdAt: z.string(),
});

type Row = ApprovalRequest & { votes: Pick<ApprovalVote, "vote">[] };

export function approvalSummary(r: Row): ApprovalSummary {
  const approvals = r.votes.filter((v) => v.vote === "approve").length;
  return {
    id: r.id, kind: r.kind, title: r.title, subjectType: r.subjectType, subjectId: r.subjectId, risk: r.risk as ApprovalSummary["risk"],
    state: r.state, requesterLabel: r.requesterLabel, subjectAuthorLabel: r.subjectAuthorLabel, contextKey: r.contextKey,
    createdAt: r.createdAt.toISOString(), expiresAt: r.expiresAt.toISOString(), decidedAt: r.decidedAt?.toISOString() ?? null,
    outcomeReason: r.outcomeReason, approvals, approvalsNeeded: approvalsNeeded(r.rule), denials: r.votes.length - approvals,
    appliedAt: r.appliedAt?.toISOString() ?? null, applyResult: r.applyResult,
  };
}

function approvalsNeeded(rule: unknown): number {
  const parsed = ZEffectiveApprovalRule.safeParse(rule);
  if (!parsed.success) return 0;
  return Math.min(...parsed.data.alternatives.map((a) => a.reduce((n, t) => n + t.approvals, 0)));
}

export const voteView = (v: ApprovalVote): z.infer<typeof ZApprovalVote> => ({
  voterLabel: v.voterLabel, vote: v.vote as "approve" | "deny", reason: v.reason, roles: v.roles, teams: v.teams, createdAt: v.createdAt.toISOString(),
});

export const ruleOf = (r: { rule: unknown }) => ZEffectiveApprovalRule.parse(r.rule);

export const ZApprovalDetail = ZApprovalSummary.extend({
  action: z.string(),
  proposal: z.record(z.string(), z.unknown()),
  policyDecision: z.unknown().nullable(),
  rule: ZEffectiveApprovalRule.extend({ description: z.string() }),
  progress: z.array(z.array(z.object({ approvals: z.number(), met: z.number() }))),
  votes: z.array(ZApprovalVote),
  eligible: z.array(z.object({ email: z.string(), name: z.string(), roles: z.array(z.string()), teams: z.array(z.string()), voted: z.enum(["approve", "deny"]).nullable() })),
  similar: z.array(ZApprovalSummary),
  me: z.object({
    canVote: z.boolean(),
    /** Why not, in a sentence, when canVote is false. */
    why: z.string().nullable(),
    canCancel: z.boolean(),
    reasonRequired: z.object({ approve: z.boolean(), deny: z.boolean() }),
  }),
});
export type ApprovalDetail = z.infer<typeof ZApprovalDetail>;
