// The platform's own housekeeping, on a schedule (handlers: server/wiring/job-handlers.ts).
import { z } from "zod";
import { declareJob } from "./define-job";

export const MAINTENANCE_QUEUE = "maintenance";

/** Re-verifies every audit chain (server/audit/verify-all-chains.ts). */
export const verifyAuditChainsJob = declareJob({
  name: "audit.verify-chains",
  queue: MAINTENANCE_QUEUE,
  schema: z.object({}).strict(),
  every: { ms: 60 * 60_000, payload: {} },
});

/** Forgets expired sign-in failure counters (server/auth/prune-sign-in-throttle.ts). */
export const pruneSignInThrottleJob = declareJob({
  name: "auth.prune-sign-in-throttle",
  queue: MAINTENANCE_QUEUE,
  schema: z.object({ olderThanMinutes: z.number().int().min(1).max(7 * 24 * 60) }).strict(),
  every: { ms: 15 * 60_000, payload: { olderThanMinutes: 60 } },
});

/** Forgets GitHub writes the hourly limit no longer counts (server/github/pace.ts). */
export const pruneGithubWritesJob = declareJob({
  name: "github.prune-write-log",
  queue: MAINTENANCE_QUEUE,
  schema: z.object({}).strict(),
  every: { ms: 15 * 60_000, payload: {} },
});
