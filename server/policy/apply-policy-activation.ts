// The approvals consumer for policy activations: an approved version becomes active and the
// document's previous active version is retired, after one last check against the policy in effect
// now (another document may have changed while the request waited). Other outcomes leave the
// version as it is. Runs in the outcome job's transaction, in three statements when approved: lock
// and read, the policy in effect, one update for both versions; the job appends its audit event.
import type { Tx } from "../db/client";
import type { ApprovalOutcome, ConsumerResult } from "../approvals/consumer";
import { checkDraft } from "./check-draft";
import { loadPolicySets, rememberParsedVersion, versionLabel } from "./load-policy-sets";

type Version = { id: string; documentId: string; number: number; state: string; content: string; tests: string; name: string; level: string; target: string | null };

const MOVABLE = new Set(["draft", "shadow"]);

export async function applyPolicyActivation(tx: Tx, request: ApprovalOutcome): Promise<string | ConsumerResult> {
  const approved = request.state === "approved";
  // When approved, the statement that reads the version also takes its document's lock, the one
  // every change of a version's state holds. Content is immutable; the state read here may predate
  // the lock, so the update below checks it again. States only move forward, so one that is no
  // longer draft or shadow here is not one now either.
  const [v] = approved
    ? await tx.$queryRaw<Version[]>`
        SELECT v.id, v."documentId", v.number, v.state::text AS state, v.content, v.tests, d.name, d.level::text AS level, d.target
        FROM "PolicyVersion" v JOIN "PolicyDocument" d ON d.id = v."documentId" WHERE v.id = ${request.subjectId} FOR UPDATE OF d`
    : await tx.$queryRaw<Version[]>`
        SELECT v.id, v."documentId", v.number, v.state::text AS state, v.content, v.tests, d.name, d.level::text AS level, d.target
        FROM "PolicyVersion" v JOIN "PolicyDocument" d ON d.id = v."documentId" WHERE v.id = ${request.subjectId}`;
  if (!v) return "nothing to do: the version no longer exists";
  const label = `${v.name} ${versionLabel(v.number)}`;
  if (!approved) return `${label} stays ${v.state}: activation ${request.state}`;
  const noLonger = (state: string) => new Error(`${label} is ${state}, no longer a draft or shadow version`);
  if (!MOVABLE.has(v.state)) throw noLonger(v.state);

  const sets = await loadPolicySets(tx, request.tenantId);
  const check = checkDraft({
    content: v.content, tests: v.tests, others: sets.active.documents, version: versionLabel(v.number),
    identity: { name: v.name, level: v.level, target: v.target },
  });
  const failing = check.problems[0]?.message ?? check.tests.find((t) => !t.passed)?.name;
  if (failing) throw new Error(`${label} no longer passes against the policy in effect: ${failing}`);
  rememberParsedVersion(v.id, { document: check.document!, version: versionLabel(v.number) });

  // Retires the active version and activates this one in one statement, and only while this one is
  // still a draft or shadow version (read under the lock taken above).
  const moved = await tx.$queryRaw<{ id: string; number: number }[]>`
    UPDATE "PolicyVersion"
    SET state = CASE WHEN id = ${v.id} THEN 'active'::"PolicyVersionState" ELSE 'retired'::"PolicyVersionState" END, "stateAt" = ${new Date()}::timestamptz
    WHERE "documentId" = ${v.documentId} AND (state = 'active' OR id = ${v.id})
      AND EXISTS (SELECT 1 FROM "PolicyVersion" WHERE id = ${v.id} AND state IN ('draft', 'shadow'))
    RETURNING id, number`;
  if (!moved.some((m) => m.id === v.id)) {
    const now = await tx.policyVersion.findUniqueOrThrow({ where: { id: v.id }, select: { state: true } });
    throw noLonger(now.state);
  }
  const retired = moved.filter((m) => m.id !== v.id).map((m) => versionLabel(m.number));
  return {
    result: `${label} is active${retired.length ? `; ${retired.join(", ")} retired` : ""}`,
    // Appended by the outcome job in this transaction, in one statement with its own event.
    audit: [{
      tenantId: request.tenantId, actorType: "system", actorLabel: "worker", action: "policy.version.activate", resourceType: "policy", resourceId: v.documentId,
      after: { policy: v.name, version: versionLabel(v.number), approval: request.id, outcome: request.outcomeReason, retired },
    }],
  };
}
