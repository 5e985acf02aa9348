// Shared by the notification and webhook integration tests: a tenant of its own with people in
// roles, and operations run as one of them the way withAuthz runs them.
import { randomBytes } from "node:crypto";
import { loadUserActor } from "../auth/load-user-actor";
import { scopeFor, type Scope } from "../authz/scope";
import { requestApproval } from "../approvals/request-approval";
import { db } from "../db/client";
import { runOperation, type OpContext } from "../core/op-context";
import { readContext } from "../core/read-context";
import { loadPolicySets } from "../policy/load-policy-sets";
import { createTestTenant } from "../test/create-tenant";

export type TestTenant = { id: string; slug: string };
export type Person = { id: string; email: string };

export async function person(tenant: TestTenant, roles: string[], label: string): Promise<Person> {
  const user = await db.user.create({ data: { email: `${label}-${randomBytes(4).toString("hex")}@example.test`, name: label } });
  await db.membership.create({ data: { tenantId: tenant.id, userId: user.id, roles } });
  return { id: user.id, email: user.email };
}

export async function scopeOf(userId: string, tenant: TestTenant): Promise<Scope> {
  const actor = (await loadUserActor(userId))!;
  return scopeFor(actor, { ...tenant, name: tenant.slug, status: "active" }, await loadPolicySets(db, tenant.id))!;
}

/** A changing operation as the person: one transaction, audit appended, afterCommit steps run. */
export async function as<T>(who: Person, tenant: TestTenant, op: (ctx: OpContext) => Promise<T>): Promise<T> {
  return runOperation(await scopeOf(who.id, tenant), { requestId: `int-${randomBytes(4).toString("hex")}`, ip: null }, "int-test", op);
}

export async function reading<T>(who: Person, tenant: TestTenant, op: (ctx: OpContext) => Promise<T>): Promise<T> {
  return op(readContext(await scopeOf(who.id, tenant)));
}

/** A tenant with an operator who raises requests, two approvers and a tenant admin. */
export async function tenantWithPeople(label: string) {
  const tenant = await createTestTenant(label);
  return {
    tenant,
    operator: await person(tenant, ["operator"], "operator"),
    approver: await person(tenant, ["approver"], "approver"),
    approver2: await person(tenant, ["approver"], "approver2"),
    admin: await person(tenant, ["tenant_admin"], "admin"),
  };
}

let n = 0;
/** A pending tool_call request (approvers and tenant admins may decide it). */
export function raise(tenant: TestTenant, who: Person, title = `Run wants the network ${++n}`) {
  const id = `run-${randomBytes(5).toString("hex")}`;
  return as(who, tenant, (ctx) => requestApproval(ctx, {
    kind: "tool_call", subjectType: "run", subjectId: id, action: "tool.shell", title, proposal: { command: "curl https://example.test" }, risk: "high",
  }));
}

export async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
