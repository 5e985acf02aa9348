// What happens to the waiting work once a request is decided, per kind. A consumer runs in the
// outcome job's transaction, exactly once per request (appliedAt), and says what it did. Runs,
// campaigns and kill switches add their kinds here; the approvals code does not change.
import type { Tx } from "../db/client";
import type { ApprovalRequest } from "../db/generated/client";
import { applyPolicyActivation } from "../policy/apply-policy-activation";

export type ApprovalOutcome = Pick<ApprovalRequest, "id" | "tenantId" | "kind" | "subjectType" | "subjectId" | "action" | "state" | "outcomeReason" | "requesterLabel">;

/** Returns a sentence for the record: "version 3 is active", "nothing to do: the run was cancelled". */
export type ApprovalConsumer = (tx: Tx, request: ApprovalOutcome) => Promise<string>;

const CONSUMERS: Record<string, ApprovalConsumer> = {
  policy_activation: applyPolicyActivation,
  platform_policy_activation: applyPolicyActivation,
};

export function consumerFor(kind: string): ApprovalConsumer | undefined {
  return CONSUMERS[kind];
}
