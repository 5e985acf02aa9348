// The approvals consumer for policy activations: an approved version becomes active and the
// document's previous active version is retired, after one last check against the policy in effect
// now (another document may have changed while the request waited). Other outcomes leave the
// version as it is. Runs in the outcome job's transaction.
import { appendAuditEvent } from "../audit/append-event";
import type { Tx } from "../db/client";
import type { ApprovalOutcome } from "../approvals/consumers";
import { checkDraft } from "./check-draft";
import { loadPolicySets, rememberParsedVersion, versionLabel } from "./load-policy-sets";
import { lockDocument } from "./policy-view";

export async function applyPolicyActivation(tx: Tx, request: ApprovalOutcome): Promise<string> {
  const v = await tx.policyVersion.findUnique({ where: { id: request.subjectId }, include: { document: true } });
  if (!v) return "nothing to do: the version no longer exists";
  const label = `${v.document.name} ${versionLabel(v.number)}`;
  if (request.state !== "approved") return `${label} stays ${v.state}: activation ${request.state}`;
  await lockDocument(tx, v.documentId);
  const now = await tx.policyVersion.findUniqueOrThrow({ where: { id: v.id }, select: { state: true } });
  if (now.state !== "draft" && now.state !== "shadow") throw new Error(`${label} is ${now.state}, no longer a draft or shadow version`);

  const sets = await loadPolicySets(tx, request.tenantId);
  const doc = v.document;
  const check = checkDraft({
    content: v.content, tests: v.tests, others: sets.active.documents, version: versionLabel(v.number),
    identity: { name: doc.name, level: doc.level, target: doc.target },
  });
  const failing = check.problems[0]?.message ?? check.tests.find((t) => !t.passed)?.name;
  if (failing) throw new Error(`${label} no longer passes against the policy in effect: ${failing}`);
  rememberParsedVersion(v.id, { document: check.document!, version: versionLabel(v.number) });

  const retired = await tx.policyVersion.updateManyAndReturn({
    where: { documentId: v.documentId, state: "active" }, data: { state: "retired", stateAt: new Date() }, select: { number: true },
  });
  await tx.policyVersion.update({ where: { id: v.id }, data: { state: "active", stateAt: new Date() } });
  await appendAuditEvent(tx, {
    tenantId: request.tenantId, actorType: "system", actorLabel: "worker", action: "policy.version.activate", resourceType: "policy", resourceId: doc.id,
    after: { policy: doc.name, version: versionLabel(v.number), approval: request.id, outcome: request.outcomeReason, retired: retired.map((r) => versionLabel(r.number)) },
  });
  return `${label} is active${retired.length ? `; ${retired.map((r) => versionLabel(r.number)).join(", ")} retired` : ""}`;
}
