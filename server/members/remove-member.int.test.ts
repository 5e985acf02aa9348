// Two tenant admins removing each other at the same moment: one succeeds, the other is refused,
// and the tenant keeps an admin.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { loadUserActor } from "../auth/load-user-actor";
import { scopeFor } from "../authz/scope";
import { defaultPolicySets } from "../test/policy-sets";
import { db, disconnectDb } from "../db/client";
import { runOperation } from "../core/op-context";
import { createTestTenant } from "../test/create-tenant";
import { removeMember } from "./remove-member";

afterAll(() => disconnectDb());

async function admin(tenantId: string) {
  const user = await db.user.create({ data: { email: `admin-${randomBytes(4).toString("hex")}@example.test`, name: "Admin" } });
  const m = await db.membership.create({ data: { tenantId, userId: user.id, roles: ["tenant_admin"] } });
  return { userId: user.id, memberId: m.id };
}

async function removeAs(userId: string, tenant: { id: string; slug: string }, memberId: string) {
  const actor = (await loadUserActor(userId))!;
  const scope = scopeFor(actor, { ...tenant, name: "t", status: "active" }, defaultPolicySets())!;
  const meta = { requestId: `race-${randomBytes(3).toString("hex")}`, ip: null };
  return runOperation(scope, meta, "member.remove", (ctx) => removeMember(ctx, memberId));
}

describe("removing tenant admins concurrently", () => {
  it("never leaves the tenant without an admin", async () => {
    for (let round = 0; round < 5; round++) {
      const tenant = await createTestTenant("race");
      const a = await admin(tenant.id);
      const b = await admin(tenant.id);
      const results = await Promise.allSettled([removeAs(a.userId, tenant, b.memberId), removeAs(b.userId, tenant, a.memberId)]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(String(refused.reason.message)).toMatch(/at least one tenant admin|member not found/);
      expect(await db.membership.count({ where: { tenantId: tenant.id, roles: { has: "tenant_admin" } } })).toBe(1);
    }
  });
});
