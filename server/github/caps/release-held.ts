// Running an allocation (allocate-slots.ts) and what follows its commit: the publications of the
// changesets it released are enqueued, and a pass is scheduled for when a time-bound hold ends.
// `caps.release-held` is this with no publication of its own; publish-run.ts runs it for the one it
// publishes. Within one process, allocations of a tenant queue here rather than each holding a
// database connection while it waits for the tenant's row lock (the pool is small); across processes
// the row lock decides.
import { db } from "../../db/client";
import { logger } from "../../log/logger";
import { enqueuePublish } from "../publish/publish-job";
import { allocateSlots, type Allocation } from "./allocate-slots";
import { enqueueReleaseHeldAt } from "./release-held-job";

const queues = new Map<string, Promise<unknown>>();

function serial<T>(tenantId: string, fn: () => Promise<T>): Promise<T> {
  const before = queues.get(tenantId) ?? Promise.resolve();
  const mine = before.then(fn, fn);
  const settled = mine.catch(() => undefined);
  queues.set(tenantId, settled);
  void settled.then(() => { if (queues.get(tenantId) === settled) queues.delete(tenantId); });
  return mine;
}

export async function runAllocation(tenantId: string, own: { changesetId: string; cause: string } | null): Promise<Allocation> {
  const result = await serial(tenantId, () => db.$transaction((tx) => allocateSlots(tx, tenantId, own), { timeout: 60_000, maxWait: 30_000 }));
  // A publication lost here is found again: a `publishing` changeset with no worker is requeued by
  // reconcile-publications.ts, and the reconciler's sweep runs a pass every half minute.
  const key = `released-${Date.now()}`;
  for (const r of result.released) await enqueuePublish(r.runId, key).catch((e: Error) => logger.warn("a released publication was not enqueued", { changesetId: r.changesetId, error: e.message }));
  if (result.wakeAt) await enqueueReleaseHeldAt(tenantId, result.wakeAt).catch((e: Error) => logger.warn("the next timed release was not scheduled", { tenantId, error: e.message }));
  return result;
}

/** The job: a pass over the tenant's held changesets (nothing to do when none is held). */
export async function releaseHeld(tenantId: string): Promise<string> {
  const held = await db.changeset.count({ where: { tenantId, state: "held" } });
  if (!held) return "nothing held";
  const r = await runAllocation(tenantId, null);
  return `${r.released.length} of ${held} held released${r.wakeAt ? `; next timed pass at ${r.wakeAt.toISOString()}` : ""}`;
}
