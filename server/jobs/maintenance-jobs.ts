import { z } from "zod";
import { appendAuditEvent, PLATFORM_CHAIN } from "../audit/append-event";
import { verifyChain } from "../audit/verify-chain";
import { db } from "../db/client";
import { defineJob } from "./define-job";
import { logger } from "../log/logger";

export const MAINTENANCE_QUEUE = "maintenance";

/** Re-verifies every audit chain; a broken one is recorded on the platform chain and logged. */
export const verifyAuditChainsJob = defineJob({
  name: "audit.verify-chains",
  queue: MAINTENANCE_QUEUE,
  schema: z.object({}).strict(),
  every: { ms: 60 * 60_000, payload: {} },
  async handle() {
    const chains = await db.auditChainHead.findMany({ select: { chain: true } });
    const broken: { chain: string; brokenAt: number; problem: string }[] = [];
    for (const { chain } of chains) {
      const r = await verifyChain(db, chain);
      if (!r.valid) broken.push({ chain, brokenAt: r.brokenAt, problem: r.problem });
    }
    if (broken.length) {
      logger.error("audit chain broken", { job: "audit.verify-chains", broken });
      await db.$transaction((tx) =>
        appendAuditEvent(tx, {
          tenantId: null, actorType: "system", actorLabel: "worker", action: "audit.chain_broken",
          resourceType: "audit_chain", decision: "failure", payload: { broken },
        }),
      );
    }
    return { chains: chains.length, broken: broken.length, platformChain: PLATFORM_CHAIN };
  },
});

/** Forgets sign-in failure counters whose window and lock have both passed. */
export const pruneSignInThrottleJob = defineJob({
  name: "auth.prune-sign-in-throttle",
  queue: MAINTENANCE_QUEUE,
  schema: z.object({ olderThanMinutes: z.number().int().min(1).max(7 * 24 * 60) }).strict(),
  every: { ms: 15 * 60_000, payload: { olderThanMinutes: 60 } },
  async handle({ olderThanMinutes }) {
    const cutoff = new Date(Date.now() - olderThanMinutes * 60_000);
    const { count } = await db.signInThrottle.deleteMany({
      where: { windowStartedAt: { lt: cutoff }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: new Date() } }] },
    });
    return { pruned: count };
  },
});
