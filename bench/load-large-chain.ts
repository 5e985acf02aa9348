// Bulk-loads one tenant's audit chain of N events through a superuser connection, with the real
// chained hashes (server/audit/chain.ts), so verifyChain and listAuditEvents see a genuine chain.
// Rows go in as multi-row INSERTs from unnest() arrays; hashing the next batch overlaps with the
// database inserting the previous one.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { eventHash, GENESIS_HASH, type ChainedFields } from "../server/audit/chain";
import { fmt, heading } from "./stats";

const BATCH = 5_000;
const ACTIONS = ["run.create", "run.cancel", "approval.decide", "policy.edit", "policy.publish", "campaign.create",
  "campaign.manage", "repository.manage", "member.manage", "team.manage", "token.manage", "killswitch.set"];
/** Occurs once every RARE_EVERY events, to time a filter that must skip far down the chain. */
export const RARE_ACTION = "tenant.manage";
const RARE_EVERY = 10_000;
const ACTORS = 200;
/** Acts once every RARE_ACTOR_EVERY events: an actor filter that must skip far down the chain. */
export const RARE_ACTOR = { id: "user-rare", label: "rare@bench.test" };
const RARE_ACTOR_EVERY = 100_000;
const STEP_MS = 30_000; // one event every 30 s: 1M events span about a year

export type LargeChain = { tenantId: string; events: number; firstAt: Date; lastAt: Date; actorIds: string[] };

const COLUMNS = ["chain", "seq", "tenantId", "createdAt", "actorType", "actorId", "actorLabel", "action", "resourceType",
  "resourceId", "decision", "requestId", "sourceIp", "payload", "before", "after", "prevHash", "hash"] as const;
const TYPES = ["text", "int8", "text", "timestamptz", "text", "text", "text", "text", "text",
  "text", "text", "text", "text", "jsonb", "jsonb", "jsonb", "text", "text"];
const INSERT = `INSERT INTO "AuditEvent" (${COLUMNS.map((c) => `"${c}"`).join(", ")})
  SELECT * FROM unnest(${TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(", ")})`;

function eventAt(tenantId: string, seq: number, firstMs: number): ChainedFields {
  const actor = seq % ACTORS;
  const rare = seq % RARE_ACTOR_EVERY === RARE_ACTOR_EVERY / 2;
  const action = seq % RARE_EVERY === 0 ? RARE_ACTION : ACTIONS[(seq * 7) % ACTIONS.length]!;
  return {
    chain: tenantId, seq, tenantId, createdAt: new Date(firstMs + seq * STEP_MS).toISOString(),
    actorType: actor === 0 && !rare ? "system" : "user",
    actorId: rare ? RARE_ACTOR.id : actor === 0 ? null : `user-${actor}`,
    actorLabel: rare ? RARE_ACTOR.label : actor === 0 ? "scheduler" : `user${actor}@bench.test`,
    action, resourceType: action.split(".")[0]!, resourceId: `res-${seq % 5000}`, decision: seq % 17 === 0 ? "deny" : "success",
    requestId: `req-${seq}`, sourceIp: `10.0.${(seq >> 8) & 255}.${seq & 255}`,
    payload: { seq, reason: "bench", tags: ["a", "b"], nested: { ok: seq % 2 === 0 } },
    before: seq % 3 === 0 ? { state: "old" } : null, after: seq % 3 === 0 ? { state: "new" } : null,
  };
}

/** Event seq of a loaded chain, as loadLargeChain made it (the same fields, so the same canonical text). */
export const largeChainEvent = (chain: LargeChain, seq: number): ChainedFields => eventAt(chain.tenantId, seq, chain.firstAt.getTime() - STEP_MS);

export async function loadLargeChain(url: string, tenantId: string, events: number): Promise<LargeChain> {
  heading(`bulk-loading a chain of ${fmt(events)} audit events`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const firstMs = Date.UTC(2025, 0, 1);
  const started = performance.now();
  let hashing = 0;
  try {
    // Maintaining the secondary indexes row by row is most of a bulk load; building them once
    // afterwards from their own definitions is much faster and leaves the same schema.
    const indexes = await client.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'AuditEvent' AND indexdef NOT LIKE 'CREATE UNIQUE%'`);
    for (const i of indexes.rows) await client.query(`DROP INDEX "${i.name}"`);
    let prevHash = GENESIS_HASH;
    let inFlight: Promise<unknown> = Promise.resolve();
    for (let from = 1; from <= events; from += BATCH) {
      const h0 = performance.now();
      const columns: unknown[][] = COLUMNS.map(() => []);
      for (let seq = from; seq < Math.min(from + BATCH, events + 1); seq++) {
        const f = eventAt(tenantId, seq, firstMs);
        const hash = eventHash(f, prevHash);
        const row = [f.chain, seq, f.tenantId, f.createdAt, f.actorType, f.actorId, f.actorLabel, f.action, f.resourceType,
          f.resourceId, f.decision, f.requestId, f.sourceIp, JSON.stringify(f.payload), f.before && JSON.stringify(f.before),
          f.after && JSON.stringify(f.after), prevHash, hash];
        row.forEach((v, i) => columns[i]!.push(v));
        prevHash = hash;
      }
      hashing += performance.now() - h0;
      await inFlight;
      inFlight = client.query(INSERT, columns);
    }
    await inFlight;
    await client.query(`INSERT INTO "AuditChainHead" (chain, seq, hash) VALUES ($1, $2, $3)`, [tenantId, events, prevHash]);
    const inserted = performance.now();
    for (const i of indexes.rows) await client.query(i.def);
    const loaded = performance.now();
    // A freshly loaded table has no statistics until autovacuum gets to it; production tables have them.
    await client.query(`VACUUM (ANALYZE) "AuditEvent"`);
    const s = (a: number, b: number) => `${fmt((b - a) / 1000, 1)} s`;
    console.log(`  loaded ${fmt(events)} events in ${s(started, loaded)} (${fmt(events / ((loaded - started) / 1000))} events/s): `
      + `rows ${s(started, inserted)} (hashing ${fmt(hashing / 1000, 1)} s of it), ${indexes.rowCount} indexes ${s(inserted, loaded)}; `
      + `VACUUM ANALYZE ${s(loaded, performance.now())}`);
  } finally {
    await client.end();
  }
  const actorIds = Array.from({ length: ACTORS - 1 }, (_, i) => `user-${i + 1}`);
  return { tenantId, events, firstAt: new Date(firstMs + STEP_MS), lastAt: new Date(firstMs + events * STEP_MS), actorIds };
}
