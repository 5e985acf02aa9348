// Appends an audit event inside the caller's transaction. The chain head row is locked until that
// transaction ends, so concurrent writers to one chain queue up and sequence numbers stay gapless
// (a rolled-back transaction takes its number back with it).
//
// Throughput per chain is bounded by how long that lock is held, so the event is written with a
// single statement: the database takes the lock, numbers the event, stamps it with its own clock
// and computes its hash from the canonical text prepared here, which leaves holes for those two
// values. The hash is then recomputed here with chain.ts, the definition verification uses, and a
// difference fails the transaction.
//
// Stamping under the lock from one clock (the database's) makes createdAt non-decreasing along
// the chain, unless that clock is set back: a time range is then a range of sequence numbers.
import { Prisma, type Tx } from "../db/client";
import { redact } from "../redaction/redact";
import { canonicalPieces, eventHash, GENESIS_HASH, type ChainedFields } from "./chain";

export type AuditInput = {
  tenantId: string | null;
  actorType: "user" | "token" | "system" | "anonymous";
  actorId?: string | null;
  actorLabel?: string | null;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  decision?: "allow" | "deny" | "require_approval" | "success" | "failure";
  requestId?: string | null;
  sourceIp?: string | null;
  payload?: Record<string, unknown>;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

export type AppendedEvent = { chain: string; seq: number; hash: string };

export const PLATFORM_CHAIN = "platform";

// JSON round trip: what goes into the hash must be exactly what jsonb gives back (no undefined,
// Dates as strings).
const plain = (v: unknown) => (v === undefined || v === null ? null : JSON.parse(JSON.stringify(v)));

type Written = { seq: bigint; prevHash: string; createdAt: Date; hash: string };

/** One call of fleetgate_audit_append (migration audit_append_function): locks, numbers, stamps and hashes. */
function call(f: ChainedFields): Prisma.Sql {
  const [beforeCreatedAt, beforeSeq, rest] = canonicalPieces(f, ["createdAt", "seq"]);
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  return Prisma.sql`SELECT * FROM fleetgate_audit_append(${f.chain}, ${f.tenantId}, ${f.actorType}, ${f.actorId}, ${f.actorLabel}, ${f.action},
      ${f.resourceType}, ${f.resourceId}, ${f.decision}, ${f.requestId}, ${f.sourceIp}, ${json(f.payload)}::jsonb,
      ${json(f.before)}::jsonb, ${json(f.after)}::jsonb, ${beforeCreatedAt}, ${beforeSeq}, ${rest}, ${GENESIS_HASH})`;
}

// Several events go in one statement, so a transaction that records more than one change holds
// its chain's lock for one round trip instead of one per event. UNION ALL runs its branches one
// after the other, in the order written: each call sees the head the previous one moved. Whatever
// the order, every returned row is checked against chain.ts below, so the chain cannot go wrong
// unnoticed.
function write(tx: Tx, events: readonly ChainedFields[]): Promise<Written[]> {
  if (events.length === 1) return tx.$queryRaw<Written[]>(call(events[0]!));
  return tx.$queryRaw<Written[]>(Prisma.join(events.map((f) => Prisma.sql`(${call(f)})`), " UNION ALL "));
}

function fieldsOf(input: AuditInput): ChainedFields {
  return {
    chain: input.tenantId ?? PLATFORM_CHAIN,
    seq: 0,
    tenantId: input.tenantId,
    createdAt: "", // stamped by the database, under the chain lock
    actorType: input.actorType,
    actorId: input.actorId ?? null,
    actorLabel: input.actorLabel ?? null,
    action: input.action,
    resourceType: input.resourceType,
    resourceId: input.resourceId ?? null,
    decision: input.decision ?? "success",
    requestId: input.requestId ?? null,
    sourceIp: input.sourceIp ?? null,
    payload: plain(redact(input.payload ?? {})),
    before: plain(input.before ? redact(input.before) : null),
    after: plain(input.after ? redact(input.after) : null),
  };
}

export async function appendAuditEvent(tx: Tx, input: AuditInput): Promise<AppendedEvent> {
  return (await appendAuditEvents(tx, [input]))[0]!;
}

/** Appends the events in the order given, in one statement (see write). */
export async function appendAuditEvents(tx: Tx, inputs: readonly AuditInput[]): Promise<AppendedEvent[]> {
  if (inputs.length === 0) return [];
  const events = inputs.map(fieldsOf);
  const rows = await write(tx, events);
  if (rows.length !== events.length) throw new Error(`audit append returned ${rows.length} chain heads for ${events.length} events`);
  return events.map((fields, i) => {
    const row = rows[i]!;
    const seq = Number(row.seq);
    if (eventHash({ ...fields, seq, createdAt: row.createdAt.toISOString() }, row.prevHash) !== row.hash) {
      throw new Error(`audit event ${fields.chain}/${seq}: the database computed a different hash than chain.ts; the caller's transaction is rolled back`);
    }
    return { chain: fields.chain, seq, hash: row.hash };
  });
}
