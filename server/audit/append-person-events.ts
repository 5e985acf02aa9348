// Events about a person rather than about one tenant's objects (signing in and out, ending their
// sessions): written to the trail of every tenant they belong to, so each tenant's auditors see
// them, or to the platform trail when they belong to none.
import type { Tx } from "../db/client";
import { appendAuditEvents, type AuditInput } from "./append-event";

export async function personTenantIds(tx: Tx, userId: string): Promise<string[]> {
  return (await tx.membership.findMany({ where: { userId }, select: { tenantId: true } })).map((m) => m.tenantId);
}

export async function appendPersonEvents(tx: Tx, tenantIds: readonly string[], event: Omit<AuditInput, "tenantId">): Promise<void> {
  // One order for every writer, so two transactions never wait on each other's chain heads.
  const chains: (string | null)[] = tenantIds.length ? [...new Set(tenantIds)].sort() : [null];
  await appendAuditEvents(tx, chains.map((tenantId) => ({ ...event, tenantId })));
}
