// The hourly check: every audit chain re-verified; a broken one is recorded on the platform chain and logged.
import { appendAuditEvent, PLATFORM_CHAIN } from "./append-event";
import { verifyChain } from "./verify-chain";
import { db } from "../db/client";
import { logger } from "../log/logger";

export async function verifyAllChains(): Promise<{ chains: number; broken: number; platformChain: string }> {
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
}
