import type { Tx } from "../db/client";
import { notFound } from "../core/app-error";
import { auditEventView, type AuditEventView } from "./audit-view";

export async function getAuditEvent(tx: Tx, tenantId: string, seq: number): Promise<AuditEventView> {
  const r = await tx.auditEvent.findFirst({ where: { tenantId, seq: BigInt(seq) } });
  if (!r) throw notFound("audit event");
  return auditEventView(r);
}
