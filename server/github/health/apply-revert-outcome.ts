// The approvals consumer of revert requests (subject type "changeset_revert", action "revert"): when
// policy does not let Fleetgate revert on its own, a person decides. Approved: the changeset's health
// moves to reverting and the health job opens the revert PR. Denied, expired or withdrawn: not
// reverted, with the decision's reason, and the people behind the change are told.
import type { AuditInput } from "../../audit/append-event";
import type { ApprovalConsumer } from "../../approvals/consumer";
import { enqueueHealthCheck } from "./health-job";
import { recordHealth } from "./record-health";

export const applyRevertOutcome: ApprovalConsumer = async (tx, request) => {
  if (request.action !== "revert") return `nothing to do: ${request.action} is not a revert`;
  const cs = { id: request.subjectId, tenantId: request.tenantId };
  const audit: AuditInput[] = [];
  const queue = async (e: Omit<AuditInput, "tenantId" | "actorType">) => void audit.push({ tenantId: request.tenantId, actorType: "system", actorLabel: "approvals", ...e });
  const decided = `request ${request.id}${request.outcomeReason ? `: ${request.outcomeReason}` : ""}`;
  if (request.state === "approved") {
    const moved = await recordHealth(tx, cs, { from: ["awaiting_approval"], to: "reverting", action: "changeset.revert_approved", reason: `the revert was approved (${decided}); opening the revert PR`, data: { approval: request.id }, audit: queue });
    if (!moved) return "nothing to do: the changeset's health moved on";
    return { result: "revert approved: opening the revert PR", afterCommit: () => enqueueHealthCheck(cs.id, `approved-${request.id}`), audit };
  }
  const moved = await recordHealth(tx, cs, {
    from: ["awaiting_approval"], to: "not_reverted", action: "changeset.revert_refused", reason: `the revert was ${request.state} (${decided}); the merge stays`,
    data: { approval: request.id }, audit: queue, notify: { title: `The revert of a merge that broke the default branch was ${request.state}` },
  });
  return moved ? { result: `not reverted: the revert was ${request.state}`, audit } : "nothing to do: the changeset's health moved on";
};
