// Writes a long, valid audit chain directly (superuser, multi-row inserts) with the real chained
// hashes: appending tens of thousands of events one transaction at a time would take minutes.
import { eventHash, GENESIS_HASH, type ChainedFields } from "../audit/chain";
import { withSuperuser } from "./superuser-client";

const COLUMNS = ["chain", "seq", "tenantId", "createdAt", "actorType", "actorId", "actorLabel", "action", "resourceType",
  "resourceId", "decision", "requestId", "sourceIp", "payload", "before", "after", "prevHash", "hash"];
const TYPES = ["text", "int8", "text", "timestamptz", "text", "text", "text", "text", "text",
  "text", "text", "text", "text", "jsonb", "jsonb", "jsonb", "text", "text"];
const INSERT = `INSERT INTO "AuditEvent" (${COLUMNS.map((c) => `"${c}"`).join(", ")})
  SELECT * FROM unnest(${TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(", ")})`;

export async function insertChain(tenantId: string, events: number): Promise<void> {
  const start = Date.UTC(2026, 0, 1);
  let prevHash = GENESIS_HASH;
  await withSuperuser(async (c) => {
    for (let from = 1; from <= events; from += 5000) {
      const columns: unknown[][] = COLUMNS.map(() => []);
      for (let seq = from; seq <= Math.min(events, from + 4999); seq++) {
        const f: ChainedFields = {
          chain: tenantId, seq, tenantId, createdAt: new Date(start + seq * 1000).toISOString(), actorType: "system",
          actorId: null, actorLabel: "bulk", action: "test.bulk", resourceType: "test", resourceId: `r-${seq}`,
          decision: "success", requestId: null, sourceIp: null, payload: { seq }, before: null, after: null,
        };
        const hash = eventHash(f, prevHash);
        [f.chain, seq, f.tenantId, f.createdAt, f.actorType, f.actorId, f.actorLabel, f.action, f.resourceType, f.resourceId,
          f.decision, f.requestId, f.sourceIp, JSON.stringify(f.payload), null, null, prevHash, hash].forEach((v, i) => columns[i]!.push(v));
        prevHash = hash;
      }
      await c.query(INSERT, columns);
    }
    await c.query(`INSERT INTO "AuditChainHead" (chain, seq, hash) VALUES ($1, $2, $3)`, [tenantId, events, prevHash]);
  });
}
