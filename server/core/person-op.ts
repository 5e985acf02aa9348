// What an operation on the signed-in person's own things gets (PersonContext), and how a change of
// theirs runs: in a transaction whose audit events are written last, as runOperation does for a
// tenant. Such events go to the trail of the tenant concerned (an invitation's) or, for what
// concerns the person everywhere (their sessions), to the trail of every tenant they belong to.
import { randomUUID } from "node:crypto";
import { appendPersonEvents } from "../audit/append-person-events";
import type { RequestMeta, UserActor } from "../authz/scope";
import { db, type Tx } from "../db/client";
import type { AuditRecord } from "./op-context";

export type PersonContext = {
  actor: UserActor;
  meta: RequestMeta;
  tx: Tx;
  /** Audits in the named tenant's trail; with no tenant, in the trails of every tenant the person belongs to. */
  audit: (event: AuditRecord, tenantId?: string) => Promise<void>;
};

export async function runPersonOperation<T>(actor: UserActor, meta: RequestMeta, name: string, op: (ctx: PersonContext) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    const events: { event: AuditRecord; tenantIds: string[] }[] = [];
    const ctx: PersonContext = {
      actor, meta, tx,
      audit: async (event, tenantId) => void events.push({ event, tenantIds: tenantId ? [tenantId] : actor.memberships.map((m) => m.tenantId) }),
    };
    const value = await op(ctx);
    // Invariant: no change without its audit event, in the same transaction.
    if (events.length === 0) throw new Error(`${name} changed data without an audit event`);
    const who = { actorType: "user", actorId: actor.id, actorLabel: actor.email, requestId: meta.requestId, sourceIp: meta.ip } as const;
    for (const { event, tenantIds } of events) await appendPersonEvents(tx, tenantIds, { ...who, ...event });
    return value;
  }, { timeout: 15_000, maxWait: 10_000 });
}

/** For reads: the plain client; an attempt to audit (that is, to change data) throws. */
export function personReadContext(actor: UserActor, meta: RequestMeta = { requestId: `page-${randomUUID()}`, ip: null }): PersonContext {
  return {
    actor, meta, tx: db,
    audit: async () => {
      throw new Error("a read must not change data");
    },
  };
}
