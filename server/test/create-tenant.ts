// A tenant of its own for a test, so its audit chain starts empty and no other test touches it.
import { randomBytes } from "node:crypto";
import { db } from "../db/client";
import { withSuperuser } from "./superuser-client";

export async function createTestTenant(label: string): Promise<{ id: string; slug: string }> {
  const slug = `${label}-${randomBytes(4).toString("hex")}`;
  return db.tenant.create({ data: { slug, name: `Test ${label}` }, select: { id: true, slug: true } });
}

/**
 * Removes a tenant with its audit chain, behind the append-only trigger. Tests that break a chain
 * on purpose call it, so the shared test database keeps the invariant other tests rely on: every
 * chain in it verifies.
 */
export async function removeTestTenant(tenantId: string): Promise<void> {
  await withSuperuser(async (c) => {
    await c.query("BEGIN");
    await c.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`);
    await c.query(`DELETE FROM "AuditEvent" WHERE chain = $1`, [tenantId]);
    await c.query(`ALTER TABLE "AuditEvent" ENABLE TRIGGER USER`);
    await c.query(`DELETE FROM "AuditChainHead" WHERE chain = $1`, [tenantId]);
    await c.query(`DELETE FROM "Tenant" WHERE id = $1`, [tenantId]);
    await c.query("COMMIT");
  });
}
