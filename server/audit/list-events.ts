// One page of a tenant's audit trail, newest first, keyset-paged on the sequence number so every
// page costs the same however deep it is. Filters use the (tenantId, ..., seq desc) indexes.
import { z } from "zod";
import type { Prisma, Tx } from "../db/client";

export const ZAuditFilter = z
  .object({
    actor: z.string().trim().min(1).max(200).optional().describe("actor id or e-mail/label (exact)"),
    action: z.string().trim().min(1).max(100).regex(/^[a-z_.]+$/, "must look like member.add").optional(),
    resourceType: z.string().trim().min(1).max(60).optional(),
    resourceId: z.string().trim().min(1).max(200).optional(),
    from: z.coerce.date({ message: "must be a date or date-time" }).optional(),
    to: z.coerce.date({ message: "must be a date or date-time" }).optional(),
    cursor: z.coerce.number().int().positive().optional().describe("seq to continue below (from nextCursor)"),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export type AuditFilter = z.infer<typeof ZAuditFilter>;

export const ZAuditEvent = z.object({
  seq: z.number().int(),
  createdAt: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  decision: z.string(),
  requestId: z.string().nullable(),
  sourceIp: z.string().nullable(),
  payload: z.unknown(),
  before: z.unknown(),
  after: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});

export type AuditEventView = z.infer<typeof ZAuditEvent>;

type Row = Omit<AuditEventView, "seq" | "createdAt"> & { seq: bigint; createdAt: Date };

export const auditEventView = (r: Row): AuditEventView => ({
  seq: Number(r.seq), createdAt: r.createdAt.toISOString(), actorType: r.actorType, actorId: r.actorId, actorLabel: r.actorLabel,
  action: r.action, resourceType: r.resourceType, resourceId: r.resourceId, decision: r.decision, requestId: r.requestId,
  sourceIp: r.sourceIp, payload: r.payload, before: r.before, after: r.after, prevHash: r.prevHash, hash: r.hash,
});

export async function listAuditEvents(db: Tx, tenantId: string, f: AuditFilter): Promise<{ events: AuditEventView[]; nextCursor: number | null }> {
  const where: Prisma.AuditEventWhereInput = { tenantId };
  if (f.actor) where.OR = [{ actorId: f.actor }, { actorLabel: f.actor }];
  if (f.action) where.action = f.action;
  if (f.resourceType) where.resourceType = f.resourceType;
  if (f.resourceId) where.resourceId = f.resourceId;
  if (f.from || f.to) where.createdAt = { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lte: f.to } : {}) };
  if (f.cursor) where.seq = { lt: BigInt(f.cursor) };
  const rows = await db.auditEvent.findMany({ where, orderBy: { seq: "desc" }, take: f.limit + 1 });
  const page = rows.slice(0, f.limit);
  return {
    events: page.map(auditEventView),
    nextCursor: rows.length > f.limit ? Number(page[page.length - 1]!.seq) : null,
  };
}
