// A run executes in one worker at a time: the worker holds a lease (owner + expiry) that its
// heartbeat extends. Every write the worker makes is fenced by the lease, so a worker that lost it
// (paused, partitioned, killed) cannot move the run any more; an expired lease makes the run
// eligible again.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { db } from "../db/client";
import type { RunState } from "../db/generated/client";

export const LEASE_MS = 15_000;
export const HEARTBEAT_MS = 1_500;
/** A run taken this many times without finishing is failed as an infrastructure problem. */
export const MAX_LEASES = 3;

export const workerId = () => `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

export type Leased = { id: string; tenantId: string; state: RunState; leaseCount: number };

/** Takes the run if it is runnable and nobody holds a live lease on it. */
export async function acquireLease(runId: string, owner: string): Promise<Leased | null> {
  const rows = await db.$queryRaw<Leased[]>`
    UPDATE "Run" SET "leaseOwner" = ${owner}, "leaseExpiresAt" = now() + make_interval(secs => ${LEASE_MS / 1000}), "leaseCount" = "leaseCount" + 1
    WHERE id = ${runId} AND state IN ('queued', 'preparing', 'running', 'verifying')
      AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < now()) AND "cancelRequested" = false
    RETURNING id, "tenantId", state::text AS state, "leaseCount"`;
  return rows[0] ?? null;
}

/**
 * Extends the lease; null when it was lost (another worker has the run, or it ended). A run is
 * still queued between its take and its move to preparing, which on a saturated machine outlasts
 * a beat: that is held, not lost.
 */
export async function renewLease(runId: string, owner: string): Promise<{ cancelRequested: boolean } | null> {
  const rows = await db.$queryRaw<{ cancelRequested: boolean }[]>`
    UPDATE "Run" SET "leaseExpiresAt" = now() + make_interval(secs => ${LEASE_MS / 1000})
    WHERE id = ${runId} AND "leaseOwner" = ${owner} AND state IN ('queued', 'preparing', 'running', 'verifying')
    RETURNING "cancelRequested"`;
  return rows[0] ?? null;
}
