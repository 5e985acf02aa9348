// One page of a tenant's audit trail, newest first, keyset-paged on the sequence number so every
// page costs the same however deep it is. Every filter runs on a (tenantId, ..., seq desc) index:
// - actor: an actor id if events carry it, else a label (e-mail, "token:name"), never both at once
//   (an OR of the two could use neither index);
// - time: appendAuditEvent stamps createdAt under the chain lock, so it never decreases along a
//   chain and [from, to] is one run of sequence numbers, found with two probes of the createdAt
//   index. The createdAt condition stays, so a clock set back can only lose edge events, never
//   show wrong ones.
import type { OpContext } from "../core/op-context";
import type { Prisma, Tx } from "../db/client";
import type { AuditFilter } from "./audit-input";
import { auditEventView, type AuditEventView } from "./audit-view";

export async function listAuditEvents(ctx: OpContext, f: AuditFilter): Promise<{ events: AuditEventView[]; nextCursor: number | null }> {
  const { tx: db, scope: { tenant: { id: tenantId } } } = ctx;
  const where: Prisma.AuditEventWhereInput = { tenantId };
  if (f.actor) {
    const byId = await db.auditEvent.findFirst({ where: { tenantId, actorId: f.actor }, select: { seq: true } });
    if (byId) where.actorId = f.actor;
    else where.actorLabel = f.actor;
  }
  if (f.action) where.action = f.action;
  if (f.resourceType) where.resourceType = f.resourceType;
  if (f.resourceId) where.resourceId = f.resourceId;
  const seq: Prisma.BigIntFilter<"AuditEvent"> = f.cursor ? { lt: BigInt(f.cursor) } : {};
  if (f.from || f.to) {
    where.createdAt = { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) };
    const window = await seqWindow(db, tenantId, f.from, f.to);
    if (!window) return { events: [], nextCursor: null };
    Object.assign(seq, window);
  }
  if (Object.keys(seq).length) where.seq = seq;
  const rows = await db.auditEvent.findMany({ where, orderBy: { seq: "desc" }, take: f.limit + 1 });
  const page = rows.slice(0, f.limit);
  return {
    events: page.map(auditEventView),
    nextCursor: rows.length > f.limit ? Number(page[page.length - 1]!.seq) : null,
  };
}

async function seqWindow(db: Tx, tenantId: string, from?: Date, to?: Date): Promise<{ gte?: bigint; lte?: bigint } | null> {
  const first = from
    ? await db.auditEvent.findFirst({ where: { tenantId, createdAt: { gte: from } }, orderBy: [{ createdAt: "asc" }, { seq: "asc" }], select: { seq: true } })
    : undefined;
  const last = to
    ? await db.auditEvent.findFirst({ where: { tenantId, createdAt: { lte: to } }, orderBy: [{ createdAt: "desc" }, { seq: "desc" }], select: { seq: true } })
    : undefined;
  if (first === null || last === null) return null;
  return { ...(first ? { gte: first.seq } : {}), ...(last ? { lte: last.seq } : {}) };
}
