// What a domain operation gets (OpContext) and the one way a change runs: in a transaction that
// writes its decision records and audit events last, then runs what must follow the commit
// (enqueueing the jobs that act on what was just committed). Used by withAuthz, workers and tests.
import { appendAuditEvents, type AuditInput } from "../audit/append-event";
import { authorize, type Decision } from "../authz/authorize";
import type { Permission } from "../authz/permissions";
import { actorLabel, type Actor, type RequestMeta, type Scope } from "../authz/scope";
import { db, type Tx } from "../db/client";
import { logger } from "../log/logger";
import { recordDecisions, type DecisionToRecord } from "../policy/record-decision";

export type AuditRecord = Omit<AuditInput, "tenantId" | "actorType" | "actorId" | "actorLabel" | "requestId" | "sourceIp">;

export type OpContext = {
  scope: Scope;
  meta: RequestMeta;
  tx: Tx;
  audit: (event: AuditRecord) => Promise<void>;
  /**
   * authorize() with the attributes of the object at hand; a decision the policy rules made (not RBAC
   * alone) is kept as a decision record, written with the operation's changes or, when the operation
   * is refused, with its denial.
   */
  decide: (action: Permission, resource?: Record<string, unknown>, context?: Record<string, unknown>) => Promise<Decision>;
  /** Runs once the transaction has committed (never if it rolls back); failures are logged, not thrown. */
  afterCommit: (fn: () => Promise<unknown>) => void;
};

export function auditFields(scope: Scope, meta: RequestMeta): Pick<AuditInput, "tenantId" | "actorType" | "actorId" | "actorLabel" | "requestId" | "sourceIp"> {
  const a: Actor = scope.actor;
  return { tenantId: scope.tenant.id, actorType: a.kind, actorId: a.id, actorLabel: actorLabel(a), requestId: meta.requestId, sourceIp: meta.ip };
}

/** ctx.decide for a context whose records are written later. */
export function queuedDecide(scope: Scope, queue: DecisionToRecord[]): OpContext["decide"] {
  return async (action, resource, context) => {
    const d = authorize(scope, action, resource, context);
    if (d.record) queue.push(d.record);
    return d;
  };
}

/**
 * Runs a changing operation. `decisions` is the caller's, so a refusal can still keep the records of
 * the decisions that refused it (see withAuthz).
 */
export async function runOperation<T>(
  scope: Scope, meta: RequestMeta, name: string, op: (ctx: OpContext) => Promise<T>, decisions: DecisionToRecord[] = [],
): Promise<T> {
  const after: (() => Promise<unknown>)[] = [];
  const result = await db.$transaction(async (tx) => {
    const events: AuditRecord[] = [];
    decisions.length = 0;
    after.length = 0;
    const ctx: OpContext = {
      scope, meta, tx, audit: async (event) => void events.push(event), decide: queuedDecide(scope, decisions), afterCommit: (fn) => void after.push(fn),
    };
    const value = await op(ctx);
    // Invariant: no change without its audit event, in the same transaction.
    if (events.length === 0) throw new Error(`${name} changed data without an audit event`);
    await recordDecisions(tx, scope.tenant.id, decisions);
    // Appended last, so the chain head is the last lock the transaction takes: it is held only
    // until the commit, and never while waiting for a row another writer holds (no deadlock).
    await appendAuditEvents(tx, events.map((event) => ({ ...auditFields(scope, meta), ...event })));
    return value;
  }, { timeout: 15_000, maxWait: 10_000 }); // a burst larger than the pool waits for a connection
  for (const fn of after) await fn().catch((e: Error) => logger.error("after-commit step failed", { operation: name, error: e.message }));
  return result;
}
