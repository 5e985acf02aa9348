// Walks one audit chain in order and recomputes every hash. Reports the first sequence number
// whose row is missing, out of order, or does not hash to what is stored.
import type { Db } from "../db/client";
import { eventHash, GENESIS_HASH } from "./chain";

export type VerifyResult =
  | { valid: true; chain: string; events: number; headHash: string }
  | { valid: false; chain: string; events: number; brokenAt: number; problem: string };

type Row = {
  seq: bigint; tenantId: string | null; createdAt: Date; actorType: string; actorId: string | null;
  actorLabel: string | null; action: string; resourceType: string; resourceId: string | null; decision: string;
  requestId: string | null; sourceIp: string | null; payload: unknown; before: unknown; after: unknown;
  prevHash: string; hash: string;
};

const BATCH = 5000;

export async function verifyChain(db: Db, chain: string): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const rows = await db.$queryRaw<Row[]>`
      SELECT seq, "tenantId", "createdAt", "actorType", "actorId", "actorLabel", action, "resourceType", "resourceId",
             decision, "requestId", "sourceIp", payload, before, after, "prevHash", hash
      FROM "AuditEvent" WHERE chain = ${chain} AND seq >= ${expectedSeq} ORDER BY seq LIMIT ${BATCH}`;
    for (const r of rows) {
      const seq = Number(r.seq);
      const fail = (problem: string): VerifyResult => ({ valid: false, chain, events: expectedSeq - 1, brokenAt: expectedSeq, problem });
      if (seq !== expectedSeq) return fail(`event ${expectedSeq} is missing (next stored event is ${seq})`);
      if (r.prevHash !== prevHash) return fail(`event ${seq} does not link to event ${seq - 1} (prevHash differs)`);
      const computed = eventHash(
        {
          chain, seq, tenantId: r.tenantId, createdAt: r.createdAt.toISOString(), actorType: r.actorType,
          actorId: r.actorId, actorLabel: r.actorLabel, action: r.action, resourceType: r.resourceType,
          resourceId: r.resourceId, decision: r.decision, requestId: r.requestId, sourceIp: r.sourceIp,
          payload: r.payload, before: r.before, after: r.after,
        },
        prevHash,
      );
      if (computed !== r.hash) return fail(`event ${seq} was altered: its content does not match its hash`);
      prevHash = r.hash;
      expectedSeq++;
    }
    if (rows.length < BATCH) break;
  }
  const head = await db.$queryRaw<{ seq: bigint; hash: string }[]>`SELECT seq, hash FROM "AuditChainHead" WHERE chain = ${chain}`;
  const headSeq = head[0] ? Number(head[0].seq) : 0;
  if (headSeq !== expectedSeq - 1) {
    return { valid: false, chain, events: expectedSeq - 1, brokenAt: expectedSeq, problem: `the chain head says ${headSeq} events but ${expectedSeq - 1} are stored (events were removed from the end)` };
  }
  return { valid: true, chain, events: expectedSeq - 1, headHash: prevHash };
}
