// The approvals consumer for runs: an approved start or tool call puts the run back in the queue
// (the worker resumes it from its checkpoint, and the gateway finds the approval); any other outcome
// ends the run as policy_denied with the approvers' reason.
import type { ApprovalConsumer } from "../approvals/consumers";
import type { AuditInput } from "../audit/append-event";
import type { AuditRecord } from "../http/op-context";
import { transitionRun } from "./run-transitions";
import { enqueueRun } from "./run-jobs";

export const resumeRun: ApprovalConsumer = async (tx, request) => {
  const run = await tx.run.findFirst({ where: { id: request.subjectId, tenantId: request.tenantId }, select: { id: true, state: true, approvalId: true } });
  if (!run) return "nothing to do: the run no longer exists";
  if (run.state !== "awaiting_approval" || run.approvalId !== request.id) return `nothing to do: the run is ${run.state}`;
  // The transition's audit event is returned for the outcome job to append with its own.
  const events: AuditInput[] = [];
  const audit = async (e: AuditRecord) => void events.push({ tenantId: request.tenantId, actorType: "system", actorLabel: "worker", ...e });
  if (request.state === "approved") {
    await transitionRun(tx, run.id, { to: "queued", cause: `approved: ${request.outcomeReason ?? request.title ?? "approved"}`, data: { approval: request.id }, audit });
    return { result: "the run is queued again", afterCommit: () => enqueueRun(run.id, `approved-${request.id}`), audit: events };
  }
  await transitionRun(tx, run.id, { to: "failed", failureClass: "policy_denied", cause: `approval ${request.state}: ${request.outcomeReason ?? "no reason given"}`, data: { approval: request.id }, audit });
  return { result: "the run failed: its approval was not granted", audit: events };
};
