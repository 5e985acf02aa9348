// What happens to the waiting work once a request is decided, per subject type (a run, a policy
// version, a kill switch...). A consumer runs in the outcome job's transaction, exactly once per
// request (appliedAt), and says what it did. The table of consumers lives in the wiring layer
// (server/wiring/approval-consumers.ts): approvals never import the domains that wait on them.
import type { AuditInput } from "../audit/append-event";
import type { Tx } from "../db/client";
import type { ApprovalRequest } from "../db/generated/client";

export type ApprovalOutcome = Pick<ApprovalRequest, "id" | "tenantId" | "kind" | "subjectType" | "subjectId" | "action" | "state" | "outcomeReason" | "requesterId" | "requesterLabel" | "title">;

/**
 * Returns a sentence for the record ("version 3 is active", "nothing to do: the run was cancelled"),
 * and optionally what must follow the commit (enqueueing the work it resumed) and the audit events
 * of what it changed: the outcome job appends those in the same transaction, in one statement with
 * its own approval.apply event, so the transaction holds the tenant's audit chain for one round
 * trip. A consumer never appends audit events itself.
 */
export type ApprovalConsumer = (tx: Tx, request: ApprovalOutcome) => Promise<string | ConsumerResult>;
export type ConsumerResult = { result: string; afterCommit?: () => Promise<unknown>; audit?: readonly AuditInput[] };

/** Consumers by the subject type of the requests they apply. */
export type ApprovalConsumers = Readonly<Record<string, ApprovalConsumer>>;
