// The approvals consumer for runs. An approved start, and any outcome of a tool call's approval, puts
// the run back in the queue: the worker resumes it from its checkpoint and the gateway finds the
// outcome. A refused tool call ends that call only, like a policy denial (the agent is told the
// approvers' reason and may choose another way; a recipe, which cannot, fails as policy_denied).
// A refused start ends the run as policy_denied with the approvers' reason: nothing ran.
import type { ApprovalConsumer } from "../approvals/consumer";
import type { AuditInput } from "../audit/append-event";
import type { AuditRecord } from "../core/op-context";
import { transitionRun } from "./run-transitions";
import { enqueueRun } from "./run-jobs";

export const resumeRun: ApprovalConsumer = async (tx, request) => {
  const run = await tx.run.findFirst({ where: { id: request.subjectId, tenantId: request.tenantId }, select: { id: true, state: true, approvalId: true } });
  if (!run) return "nothing to do: the run no longer exists";
  if (run.state !== "awaiting_approval" || run.approvalId !== request.id) return `nothing to do: the run is ${run.state}`;
  // The transition's audit event is returned for the outcome job to append with its own.
  const events: AuditInput[] = [];
  const audit = async (e: AuditRecord) => void events.push({ tenantId: request.tenantId, actorType: "system", actorLabel: "worker", ...e });
  if (request.state === "approved" || request.action !== "start") {
    const cause = `${request.state === "approved" ? "approved" : `tool call ${request.state}`}: ${request.outcomeReason ?? request.title ?? "no reason given"}`;
    await transitionRun(tx, run.id, { to: "queued", cause, data: { approval: request.id }, audit });
    return { result: "the run is queued again", afterCommit: () => enqueueRun(run.id, `${request.state}-${request.id}`), audit: events };
  }
  await transitionRun(tx, run.id, { to: "failed", failureClass: "policy_denied", cause: `approval ${request.state}: ${request.outcomeReason ?? "no reason given"}`, data: { approval: request.id }, audit });
  return { result: "the run failed: its approval was not granted", audit: events };
};
