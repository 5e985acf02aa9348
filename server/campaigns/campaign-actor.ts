// Who a campaign's later steps act as. What nobody clicked (a launch approved, a wave promoted by
// its check or by an approval) admits runs as the person who launched the campaign, with their
// roles as they are now, and is itself audited as the system that did it ("approvals", "campaign
// waves"). A consumer or job collects both kinds of audit event and appends them in one statement.
import { randomBytes } from "node:crypto";
import type { AuditInput } from "../audit/append-event";
import { loadUserActor } from "../auth/load-user-actor";
import { scopeFor, type Scope } from "../authz/scope";
import { auditFields, queuedDecide, type AuditRecord, type OpContext } from "../core/op-context";
import type { Tx } from "../db/client";
import { loadPolicySets } from "../policy/load-policy-sets";
import type { DecisionToRecord } from "../policy/record-decision";

/** The person's scope in the tenant as it is now (roles can change while a campaign runs); null if gone. */
export async function launcherScope(tx: Tx, tenantId: string, userId: string | null): Promise<Scope | null> {
  const actor = userId ? await loadUserActor(userId) : null;
  const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true, slug: true, name: true, status: true } });
  return actor && tenant ? scopeFor(actor, tenant, await loadPolicySets(tx, tenantId)) : null;
}

/** The person who launched the campaign: its tasks' requester. */
export async function campaignLauncher(tx: Tx, tenantId: string, campaignId: string): Promise<{ id: string | null; label: string } | null> {
  const task = await tx.task.findFirst({ where: { tenantId, campaignId }, select: { requesterId: true, requesterLabel: true }, orderBy: { createdAt: "asc" } });
  return task ? { id: task.requesterId, label: task.requesterLabel } : null;
}

/** Audit events, decisions and after-commit steps collected for a transaction a consumer or job commits. */
export type Collected = { audit: AuditInput[]; decisions: DecisionToRecord[]; after: (() => Promise<unknown>)[] };

export const collected = (): Collected => ({ audit: [], decisions: [], after: [] });

/** How the system itself audits (tenantId given): "approvals", "campaign waves". */
export const systemAudit = (into: Collected, tenantId: string, label: string) =>
  async (e: AuditRecord) => void into.audit.push({ tenantId, actorType: "system", actorLabel: label, ...e });

/** An OpContext acting as the scope's person inside tx, collecting what it writes into `into`. */
export function actingContext(tx: Tx, scope: Scope, requestLabel: string, into: Collected): OpContext {
  const meta = { requestId: `${requestLabel}-${randomBytes(3).toString("hex")}`, ip: null };
  return {
    scope, meta, tx, decide: queuedDecide(scope, into.decisions), afterCommit: (f) => void into.after.push(f),
    audit: async (e) => void into.audit.push({ ...auditFields(scope, meta), ...e }),
  };
}
