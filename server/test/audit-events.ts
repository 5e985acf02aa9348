// Audit events for the audit tests: a test event with a nested payload, appended in a transaction of
// its own, and a chain's sequence numbers and rows.
import { appendAuditEvent, type AuditInput } from "../audit/append-event";
import { db } from "../db/client";

export const event = (tenantId: string, n: number, extra: Partial<AuditInput> = {}): AuditInput => ({
  tenantId, actorType: "system", actorLabel: "test", action: "test.append", resourceType: "test",
  resourceId: `r-${n}`, payload: { n, nested: { list: [1, "two", null], when: new Date(0) } }, ...extra,
});

export const append = (tenantId: string, n: number, extra?: Partial<AuditInput>) =>
  db.$transaction((tx) => appendAuditEvent(tx, event(tenantId, n, extra)));

export async function seqs(chain: string): Promise<number[]> {
  const rows = await db.auditEvent.findMany({ where: { chain }, select: { seq: true }, orderBy: { seq: "asc" } });
  return rows.map((r) => Number(r.seq));
}

export const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

export async function snapshot(chain: string) {
  return db.auditEvent.findMany({ where: { chain }, orderBy: { seq: "asc" } });
}
