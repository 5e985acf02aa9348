// The safety net under the release triggers (reconcile-publications.ts, every half minute): a lost
// webhook, a Redis that forgot its delayed jobs, a worker killed between a commit and its enqueue.
// Every tenant with held work gets a release pass; reservations whose publication ended without
// saying so (a crash, a reconciler that moved the changeset on) are settled as what they became.
import { db } from "../../db/client";
import { enqueueReleaseHeld } from "./release-held-job";

export async function sweepHeld(tenantId: string | null): Promise<{ tenants: number; settled: number }> {
  const settled = await db.$executeRaw`
    UPDATE "PublishReservation" p SET outcome = CASE WHEN c."prNumber" IS NULL THEN 'released' ELSE 'used' END, "settledAt" = now()
    FROM "Changeset" c
    WHERE c.id = p."changesetId" AND p.outcome = 'reserved' AND c.state <> 'publishing' AND (${tenantId}::text IS NULL OR p."tenantId" = ${tenantId})`;
  const tenants = await db.changeset.groupBy({ by: ["tenantId"], where: { state: "held", ...(tenantId ? { tenantId } : {}) } });
  for (const t of tenants) await enqueueReleaseHeld(t.tenantId);
  return { tenants: tenants.length, settled };
}
