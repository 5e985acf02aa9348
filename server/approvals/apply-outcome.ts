// Applies a decided request's outcome to the work that waits on it, through the consumer of its
// subject. A worker that was down runs it when it comes back; if Redis lost the job, the reconciler
// enqueues it again. Applying twice is impossible: appliedAt is set once, under the request's row
// lock, in the same transaction as the consumer's change.
import { appendAuditEvents, type AuditInput } from "../audit/append-event";
import { db } from "../db/client";
import type { ApprovalRequest } from "../db/generated/client";
import { logger } from "../log/logger";
import { notifyOutcome } from "../notifications/notify-outcome";
import type { ApprovalConsumers } from "./consumer";

export async function applyOutcome(requestId: string, consumers: ApprovalConsumers): Promise<{ applied: boolean; result?: string }> {
  let then: (() => Promise<unknown>) | undefined;
  const outcome = await db.$transaction(async (tx) => {
    // Locks and reads the request in one statement; a second run of this job waits here and then
    // sees appliedAt.
    const [r] = await tx.$queryRaw<ApprovalRequest[]>`SELECT * FROM "ApprovalRequest" WHERE id = ${requestId} FOR UPDATE`;
    if (!r || r.state === "pending" || r.appliedAt) return { applied: false };
    const consumer = consumers[r.subjectType];
    let result: string;
    let audit: readonly AuditInput[] = [];
    let ok = true;
    await tx.$executeRaw`SAVEPOINT consumer`;
    try {
      const done = consumer ? await consumer(tx, r) : `nothing waits on requests about a ${r.subjectType}`;
      if (typeof done === "string") result = done;
      else ({ result, afterCommit: then, audit = [] } = done);
    } catch (e) {
      await tx.$executeRaw`ROLLBACK TO SAVEPOINT consumer`;
      // The waiting work could not move (its subject changed meanwhile): recorded, never retried forever.
      ok = false;
      then = undefined;
      result = `could not apply: ${(e as Error).message}`;
    }
    await tx.$executeRaw`UPDATE "ApprovalRequest" SET "appliedAt" = ${new Date()}::timestamptz, "applyResult" = ${result} WHERE id = ${r.id}`;
    // The consumer's events and this one in one statement: the tenant's audit chain, which every
    // writer of the tenant queues on, is taken here and held until the commit.
    await appendAuditEvents(tx, [...audit, {
      tenantId: r.tenantId, actorType: "system", actorLabel: "worker", action: "approval.apply", resourceType: "approval", resourceId: r.id,
      decision: ok ? "success" : "failure", after: { state: r.state, kind: r.kind, subject: `${r.subjectType}:${r.subjectId}`, result },
    }]);
    // Last: it enqueues webhook deliveries before this transaction commits (it has no after-commit
    // step), and a delivery job that runs before the commit waits a retry's backoff.
    await notifyOutcome(tx, r);
    return { applied: true, result };
  }, { timeout: 30_000 });
  // The resumed work is enqueued once its state is committed; if this fails, the subject's own reconciler finds it.
  if (then) await then().catch((e: Error) => logger.warn("after applying an approval outcome", { request: requestId, error: e.message }));
  return outcome;
}
