// Integration-test helpers for operations run as a person: add people to a tenant, run an operation
// the way withAuthz runs a mutation, and give a test file approval queues of its own (no worker of
// another file or process takes its jobs; removed at the end).
import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";
import { loadUserActor } from "../auth/load-user-actor";
import { scopeFor, type Scope } from "../authz/scope";
import { db, disconnectDb } from "../db/client";
import { overrideEnv } from "../env";
import { runOperation, type OpContext } from "../core/op-context";
import { closeQueues, obliterateQueues } from "../jobs/enqueue";
import { queueNames } from "../jobs/start-workers";
import { JOB_HANDLERS } from "../wiring/job-handlers";
import { loadPolicySets } from "../policy/load-policy-sets";

export type TestTenant = { id: string; slug: string };
export type TestPerson = { id: string; email: string };

const hex = () => randomBytes(4).toString("hex");

export async function addPerson(tenant: TestTenant, roles: string[], label: string): Promise<TestPerson> {
  const user = await db.user.create({ data: { email: `${label}-${hex()}@example.test`, name: label } });
  await db.membership.create({ data: { tenantId: tenant.id, userId: user.id, roles } });
  return { id: user.id, email: user.email };
}

/** The person's scope in the tenant with its effective policy, as resolveScope builds it. */
export async function scopeAs(userId: string, tenant: TestTenant): Promise<Scope> {
  const actor = (await loadUserActor(userId))!;
  return scopeFor(actor, { ...tenant, name: tenant.slug, status: "active" }, await loadPolicySets(db, tenant.id))!;
}

export async function runAs<T>(userId: string, tenant: TestTenant, name: string, op: (ctx: OpContext) => Promise<T>): Promise<T> {
  return runOperation(await scopeAs(userId, tenant), { requestId: `${name}-${hex()}`, ip: null }, name, op);
}

/** Call at module level: this file's jobs (approvals, runs, ...) go to queues of its own, obliterated after its tests. */
export function ownApprovalQueues(label: string): string {
  const prefix = `fleetgate-test-${label}-${randomBytes(3).toString("hex")}`;
  overrideEnv({ QUEUE_PREFIX: prefix });
  afterAll(async () => {
    await closeQueues();
    await obliterateQueues(prefix, queueNames(JOB_HANDLERS));
    await disconnectDb();
  });
  return prefix;
}
