import { notFound } from "../core/app-error";
import type { OpContext } from "../core/op-context";
import { auditEventView, type AuditEventView } from "./audit-view";

export async function getAuditEvent(ctx: OpContext, seq: number): Promise<AuditEventView> {
  const r = await ctx.tx.auditEvent.findFirst({ where: { tenantId: ctx.scope.tenant.id, seq: BigInt(seq) } });
  if (!r) throw notFound("audit event");
  return auditEventView(r);
}
