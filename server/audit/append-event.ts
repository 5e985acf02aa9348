// Appends an audit event inside the caller's transaction. The chain head row is locked by the
// upsert until that transaction ends, so concurrent writers to one chain queue up and sequence
// numbers stay gapless (a rolled-back transaction takes its number back with it).
import type { Tx } from "../db/client";
import { redact } from "../redaction/redact";
import { eventHash, GENESIS_HASH, type ChainedFields } from "./chain";

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

export async function appendAuditEvent(tx: Tx, input: AuditInput): Promise<AppendedEvent> {
  const chain = input.tenantId ?? PLATFORM_CHAIN;
  const head = await tx.$queryRaw<{ seq: bigint; hash: string }[]>`
    INSERT INTO "AuditChainHead" (chain, seq, hash) VALUES (${chain}, 1, '')
    ON CONFLICT (chain) DO UPDATE SET seq = "AuditChainHead".seq + 1
    RETURNING seq, hash`;
  const row = head[0];
  if (!row) throw new Error("audit chain head was not returned");
  const seq = Number(row.seq);
  const prevHash = seq === 1 ? GENESIS_HASH : row.hash;
  const fields: ChainedFields = {
    chain,
    seq,
    tenantId: input.tenantId,
    createdAt: new Date().toISOString(),
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
  const hash = eventHash(fields, prevHash);
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  await tx.$executeRaw`
    WITH inserted AS (
      INSERT INTO "AuditEvent" (chain, seq, "tenantId", "createdAt", "actorType", "actorId", "actorLabel", action,
        "resourceType", "resourceId", decision, "requestId", "sourceIp", payload, before, after, "prevHash", hash)
      VALUES (${chain}, ${seq}, ${fields.tenantId}, ${new Date(fields.createdAt)}, ${fields.actorType}, ${fields.actorId},
        ${fields.actorLabel}, ${fields.action}, ${fields.resourceType}, ${fields.resourceId}, ${fields.decision},
        ${fields.requestId}, ${fields.sourceIp}, ${json(fields.payload)}::jsonb, ${json(fields.before)}::jsonb,
        ${json(fields.after)}::jsonb, ${prevHash}, ${hash})
    )
    UPDATE "AuditChainHead" SET hash = ${hash} WHERE chain = ${chain}`;
  return { chain, seq, hash };
}

