// The approvals consumer of supervised_pr publications (subject type "changeset", action
// "publish:<runId>"): approved re-enqueues the publication, which finds the approval and goes on;
// denied, expired or cancelled holds the changeset, with the reason, until another attempt.
import type { AuditInput } from "../../audit/append-event";
import type { ApprovalConsumer } from "../../approvals/consumer";
import { transitionChangeset } from "../changesets/changeset-transitions";
import { enqueuePublish } from "./publish-job";

export const applyPublicationOutcome: ApprovalConsumer = async (tx, request) => {
  const runId = request.action.startsWith("publish:") ? request.action.slice("publish:".length) : null;
  if (!runId) return `nothing to do: ${request.action} is not a publication`;
  if (request.state === "approved") {
    return { result: "publication approved: publishing", afterCommit: () => enqueuePublish(runId, `approved-${request.id}`) };
  }
  const audit: AuditInput[] = [];
  const reason = `publishing was ${request.state}${request.outcomeReason ? `: ${request.outcomeReason}` : ""} (request ${request.id})`;
  const moved = await transitionChangeset(tx, request.subjectId, {
    to: "blocked", from: ["awaiting_approval"], cause: reason, set: { holdKind: "approval_denied", flagReason: reason },
    audit: async (e) => { audit.push({ tenantId: request.tenantId, actorType: "system", actorLabel: "approvals", ...e }); },
  });
  return { result: moved ? `changeset held: ${reason}` : "nothing to do: the changeset had moved on", audit };
};
