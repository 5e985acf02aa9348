// What the API and the console show of approval requests.
import { z } from "zod";
import type { Tx } from "../db/client";
import type { ApprovalRequest, ApprovalVote } from "../db/generated/client";
import { ZEffectiveApprovalRule } from "./effective-approval-rule";

export const APPROVAL_STATES = ["pending", "approved", "denied", "expired", "cancelled"] as const;
export const RISKS = ["low", "medium", "high", "critical"] as const;

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

/** The slugs of the teams a person belongs to in a tenant (thresholds may name teams). */
export async function teamsOf(tx: Tx, tenantId: string, userId: string): Promise<string[]> {
  const rows = await tx.teamMember.findMany({ where: { tenantId, userId }, select: { team: { select: { slug: true } } } });
  return rows.map((r) => r.team.slug).sort();
}

/** The database's clock: expiry is judged by one clock, whichever process asks. */
export async function dbNow(tx: Tx): Promise<Date> {
  const [row] = await tx.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
  return row!.now;
}
