// What list-events.ts could do, measured by figure (d) as "proposed"; not what the app runs today.
//
// Time range. Today a time filter walks the (tenantId, seq) index from the newest event and
// filters on createdAt, reading every newer event first: a range far down a long trail costs a
// scan of most of it. appendAuditEvent stamps createdAt under the chain lock from the database
// clock, so createdAt does not decrease along a chain: [from, to] is one contiguous run of
// sequence numbers, found with two probes of the (tenantId, createdAt) index. The createdAt filter
// stays, so a clock set back can only make a page miss events at the edges, never show wrong ones.
//
// Actor. `actorId = x OR actorLabel = x` cannot use the (tenantId, actorId, seq) index, so an
// actor with few events costs a walk over the whole trail. Resolving an e-mail (or token label)
// to the actor's id first keeps the filter on the indexed column.
import type { AuditFilter } from "../server/audit/list-events";
import { db, Prisma } from "../server/db/client";

async function seqWindow(tenantId: string, from?: Date, to?: Date): Promise<{ gte?: bigint; lte?: bigint } | null> {
  const first = from
    ? await db.auditEvent.findFirst({ where: { tenantId, createdAt: { gte: from } }, orderBy: [{ createdAt: "asc" }, { seq: "asc" }], select: { seq: true } })
    : undefined;
  const last = to
    ? await db.auditEvent.findFirst({ where: { tenantId, createdAt: { lte: to } }, orderBy: [{ createdAt: "desc" }, { seq: "desc" }], select: { seq: true } })
    : undefined;
  if (first === null || last === null) return null;
  return { gte: first?.seq, lte: last?.seq };
}

/** `actorIdOf` stands for looking the e-mail up among users (and "token:<name>" among tokens). */
export async function listProposed(tenantId: string, f: AuditFilter, actorIdOf: (actor: string) => string) {
  const where: Prisma.AuditEventWhereInput = { tenantId };
  if (f.actor) where.actorId = actorIdOf(f.actor);
  if (f.action) where.action = f.action;
  if (f.from || f.to) {
    const window = await seqWindow(tenantId, f.from, f.to);
    if (!window) return { events: [], nextCursor: null };
    where.createdAt = { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) };
    where.seq = { ...window, ...(f.cursor ? { lt: BigInt(f.cursor) } : {}) };
  } else if (f.cursor) where.seq = { lt: BigInt(f.cursor) };
  const rows = await db.auditEvent.findMany({ where, orderBy: { seq: "desc" }, take: f.limit + 1 });
  const events = rows.slice(0, f.limit);
  return { events, nextCursor: rows.length > f.limit ? Number(events[events.length - 1]!.seq) : null };
}
