// Every few seconds: pending requests past their expiry become expired (audited), and decided
// requests whose outcome has not been applied get their job again (Redis may have lost it, or a
// worker died between the commit and the enqueue). Postgres is the source of truth.
import { z } from "zod";
import { appendAuditEvent } from "../audit/append-event";
import { db } from "../db/client";
import { declareJob } from "../jobs/define-job";
import { enqueue } from "../jobs/enqueue";
import { applyOutcomeJob, APPROVALS_QUEUE, enqueueOutcome } from "./outcome-job";

const BATCH = 500;
/** A decided request younger than this is left to the job its decision enqueued. */
const GRACE_MS = 10_000;

export async function reconcileApprovals(): Promise<{ expired: number; requeued: number }> {
  const expired = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; tenantId: string; kind: string; expiresAt: Date }[]>`
      UPDATE "ApprovalRequest" SET state = 'expired', "decidedAt" = now(), "pendingKey" = NULL,
        "outcomeReason" = 'expired without a decision'
      WHERE id IN (SELECT id FROM "ApprovalRequest" WHERE state = 'pending' AND "expiresAt" <= now()
                   ORDER BY "expiresAt" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
      RETURNING id, "tenantId", kind, "expiresAt"`;
    for (const r of rows) {
      await appendAuditEvent(tx, {
        tenantId: r.tenantId, actorType: "system", actorLabel: "worker", action: "approval.expire", resourceType: "approval", resourceId: r.id,
        after: { state: "expired", kind: r.kind, expiresAt: r.expiresAt.toISOString() },
      });
    }
    return rows.map((r) => r.id);
  });
  const unapplied = await db.approvalRequest.findMany({
    where: { state: { not: "pending" }, appliedAt: null, decidedAt: { lt: new Date(Date.now() - GRACE_MS) } },
    select: { id: true }, orderBy: { decidedAt: "asc" }, take: BATCH,
  });
  for (const id of expired) await enqueueOutcome(id);
  // A job id of its own per round: the decision's job may have failed for good and still hold its id.
  const round = Math.floor(Date.now() / GRACE_MS);
  for (const u of unapplied) await enqueue(applyOutcomeJob, { requestId: u.id }, { jobId: `reconcile-apply-${u.id}-${round}` });
  return { expired: expired.length, requeued: unapplied.length };
}

export const reconcileApprovalsJob = declareJob({
  name: "approvals.reconcile",
  queue: APPROVALS_QUEUE,
  schema: z.object({}).strict(),
  every: { ms: 15_000, payload: {} },
});
