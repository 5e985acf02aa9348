// One audit event as the API and the console show it.
import { z } from "zod";

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
