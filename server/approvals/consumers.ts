// What happens to the waiting work once a request is decided, per kind. A consumer runs in the
// outcome job's transaction, exactly once per request (appliedAt), and says what it did. Runs,
// campaigns and kill switches add their kinds here; the approvals code does not change.
import type { AuditInput } from "../audit/append-event";
import type { Tx } from "../db/client";
import type { ApprovalRequest } from "../db/generated/client";
import { applyKillSwitchRelease } from "../killswitch/release-kill-switch";
import { applyPolicyActivation } from "../policy/apply-policy-activation";
import { resumeRun } from "../runs/resume-run";

export type ApprovalOutcome = Pick<ApprovalRequest, "id" | "tenantId" | "kind" | "subjectType" | "subjectId" | "action" | "state" | "outcomeReason" | "requesterLabel" | "title">;

/**
 * Returns a sentence for the record ("version 3 is active", "nothing to do: the run was cancelled"),
 * and optionally what must follow the commit (enqueueing the work it resumed) and the audit events
 * of what it changed: the outcome job appends those in the same transaction, in one statement with
 * its own approval.apply event, so the transaction holds the tenant's audit chain for one round
 * trip. A consumer never appends audit events itself.
 */
export type ApprovalConsumer = (tx: Tx, request: ApprovalOutcome) => Promise<string | ConsumerResult>;
export type ConsumerResult = { result: string; afterCommit?: () => Promise<unknown>; audit?: readonly AuditInput[] };

// Consumers by the subject that waits; requests about runs (a start, a tool call) resume or end the run.
const CONSUMERS: Record<string, ApprovalConsumer> = {
  policy_activation: applyPolicyActivation,
  platform_policy_activation: applyPolicyActivation,
  killswitch_release: applyKillSwitchRelease,
  platform_killswitch_release: applyKillSwitchRelease,
};

export function consumerFor(kind: string, subjectType?: string): ApprovalConsumer | undefined {
  if (subjectType === "run") return resumeRun;
  return CONSUMERS[kind];
}

