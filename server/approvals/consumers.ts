// What happens to the waiting work once a request is decided, per kind. A consumer runs in the
// outcome job's transaction, exactly once per request (appliedAt), and says what it did. Runs,
// campaigns and kill switches add their kinds here; the approvals code does not change.
import type { Tx } from "../db/client";
import type { ApprovalRequest } from "../db/generated/client";
import { applyKillSwitchRelease } from "../killswitch/release-kill-switch";
import { applyPolicyActivation } from "../policy/apply-policy-activation";
import { resumeRun } from "../runs/resume-run";

export type ApprovalOutcome = Pick<ApprovalRequest, "id" | "tenantId" | "kind" | "subjectType" | "subjectId" | "action" | "state" | "outcomeReason" | "requesterLabel" | "title">;

/**
 * Returns a sentence for the record ("version 3 is active", "nothing to do: the run was cancelled"),
 * and optionally what must follow the commit (enqueueing the work it resumed).
 */
export type ApprovalConsumer = (tx: Tx, request: ApprovalOutcome) => Promise<string | { result: string; afterCommit: () => Promise<unknown> }>;

// Consumers by the subject that waits; requests about runs (a start, a tool call) resume or end the run.
const CONSUMERS: Record<string, ApprovalConsumer> = {
  policy_activation: applyPolicyActivation,
  platform_policy_activation: applyPolicyActivation,
  killswitch_release: applyKillSwitchRelease,
};

export function consumerFor(kind: string, subjectType?: string): ApprovalConsumer | undefined {
  if (subjectType === "run") return resumeRun;
  return CONSUMERS[kind];
}

