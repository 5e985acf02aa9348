// What verification notices when a superuser rewrites the audit trail behind the trigger (altered,
// re-hashed, removed events and heads, across pages), and that the rows are append-only.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db/client";
import { append, seqs, snapshot } from "../test/audit-events";
import { createTestTenant, removeTestTenant } from "../test/create-tenant";
import { insertChain } from "../test/insert-chain";
import { tamperWithAuditEvents, withSuperuser } from "../test/superuser-client";
import { verifyChain } from "./verify-chain";

afterAll(disconnectDb);

// Chains broken on purpose are removed afterwards: other tests expect every chain to verify.
const broken: string[] = [];
afterEach(async () => {
  for (const id of broken.splice(0)) await removeTestTenant(id);
});

async function chainOf(label: string, n: number) {
  const t = await createTestTenant(label);
  broken.push(t.id);
  for (let i = 1; i <= n; i++) await append(t.id, i);
  return t;
}

describe("audit chain tampering", () => {
  it("reports the first altered event when a superuser rewrites a payload behind the trigger", async () => {
    const t = await chainOf("tamper", 6);
    const changed = await tamperWithAuditEvents(
      `UPDATE "AuditEvent" SET payload = '{"n": 999}'::jsonb WHERE chain = $1 AND seq = 4`, [t.id]);
    expect(changed).toBe(1);
    const result = await verifyChain(db, t.id);
    expect(result).toMatchObject({ valid: false, brokenAt: 4, events: 3 });
    if (!result.valid) expect(result.problem).toMatch(/altered/);
  });

  it("notices a rewritten hash through the next event's link", async () => {
    const t = await chainOf("relink", 4);
    await tamperWithAuditEvents(`UPDATE "AuditEvent" SET hash = repeat('f', 64) WHERE chain = $1 AND seq = 2`, [t.id]);
    expect(await verifyChain(db, t.id)).toMatchObject({ valid: false, brokenAt: 2 });
  });

  it("notices a removed middle event", async () => {
    const t = await chainOf("hole", 5);
    await tamperWithAuditEvents(`DELETE FROM "AuditEvent" WHERE chain = $1 AND seq = 3`, [t.id]);
    const result = await verifyChain(db, t.id);
    expect(result).toMatchObject({ valid: false, brokenAt: 3 });
    if (!result.valid) expect(result.problem).toMatch(/missing/);
  });

  it("notices the last event removed, through the chain head", async () => {
    const t = await chainOf("truncate-end", 5);
    await tamperWithAuditEvents(`DELETE FROM "AuditEvent" WHERE chain = $1 AND seq = 5`, [t.id]);
    const result = await verifyChain(db, t.id);
    expect(result).toMatchObject({ valid: false, brokenAt: 5, events: 4 });
    if (!result.valid) expect(result.problem).toMatch(/head/);
  });
});

describe("audit chain verification across pages", () => {
  // verifyChain reads 10,000 events per page and several pages at once; breaks at page edges count.
  const LONG = 25_001;

  async function longChain(label: string) {
    const t = await createTestTenant(label);
    broken.push(t.id);
    await insertChain(t.id, LONG);
    return t;
  }

  it("verifies a chain longer than two pages", async () => {
    const t = await longChain("long-valid");
    expect(await verifyChain(db, t.id)).toMatchObject({ valid: true, events: LONG });
  });

  it.each([10_000, 10_001, 20_000, LONG])("notices event %i altered", async (seq) => {
    const t = await longChain(`long-alter-${seq}`);
    await tamperWithAuditEvents(`UPDATE "AuditEvent" SET payload = '{"seq": -1}' WHERE chain = $1 AND seq = $2`, [t.id, seq]);
    expect(await verifyChain(db, t.id)).toMatchObject({ valid: false, brokenAt: seq, events: seq - 1 });
  });

  it.each([10_001, 20_000])("notices event %i removed", async (seq) => {
    const t = await longChain(`long-gap-${seq}`);
    await tamperWithAuditEvents(`DELETE FROM "AuditEvent" WHERE chain = $1 AND seq = $2`, [t.id, seq]);
    expect(await verifyChain(db, t.id)).toMatchObject({ valid: false, brokenAt: seq });
  });

  it("notices a whole page removed", async () => {
    const t = await longChain("long-page-gone");
    await tamperWithAuditEvents(`DELETE FROM "AuditEvent" WHERE chain = $1 AND seq > 10000 AND seq <= 20000`, [t.id]);
    const result = await verifyChain(db, t.id);
    expect(result).toMatchObject({ valid: false, brokenAt: 10_001 });
    if (!result.valid) expect(result.problem).toMatch(/missing/);
  });
});

describe("audit chain head tampering", () => {
  // The application's role must update heads to append, so it can also move or remove them.
  it("notices a head moved back to an earlier event", async () => {
    const t = await chainOf("head-back", 5);
    await db.$executeRaw`UPDATE "AuditChainHead" h SET seq = 3, hash = e.hash FROM "AuditEvent" e
      WHERE h.chain = ${t.id} AND e.chain = h.chain AND e.seq = 3`;
    const result = await verifyChain(db, t.id);
    expect(result).toMatchObject({ valid: false, brokenAt: 4 });
    if (!result.valid) expect(result.problem).toMatch(/beyond the chain head/);
  });

  it("notices a removed head (which only an owner or superuser can remove)", async () => {
    const t = await chainOf("head-gone", 2);
    await expect(db.$executeRaw`DELETE FROM "AuditChainHead" WHERE chain = ${t.id}`).rejects.toThrow(/permission denied/);
    await withSuperuser((c) => c.query(`DELETE FROM "AuditChainHead" WHERE chain = $1`, [t.id]));
    expect(await verifyChain(db, t.id)).toMatchObject({ valid: false, brokenAt: 1 });
  });

  it("notices a head whose hash is not the last event's", async () => {
    const t = await chainOf("head-hash", 3);
    await db.$executeRaw`UPDATE "AuditChainHead" SET hash = repeat('e', 64) WHERE chain = ${t.id}`;
    const result = await verifyChain(db, t.id);
    expect(result).toMatchObject({ valid: false, brokenAt: 3 });
    if (!result.valid) expect(result.problem).toMatch(/head's hash/);
  });
});

describe("audit rows are append-only", () => {
  it("refuses UPDATE, DELETE and TRUNCATE from the application's role and leaves the rows as they were", async () => {
    const t = await createTestTenant("append-only");
    for (let i = 1; i <= 3; i++) await append(t.id, i);
    const before = await snapshot(t.id);

    await expect(db.$executeRaw`UPDATE "AuditEvent" SET action = 'x' WHERE chain = ${t.id}`).rejects.toThrow(/permission denied/);
    await expect(db.$executeRaw`DELETE FROM "AuditEvent" WHERE chain = ${t.id}`).rejects.toThrow(/permission denied/);
    await expect(db.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/permission denied/);
    await expect(db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER USER`)).rejects.toThrow(/must be owner/);
    await expect(db.auditEvent.updateMany({ where: { chain: t.id }, data: { action: "x" } })).rejects.toThrow();
    // The application's login is the restricted role itself: there is no other role to switch to.
    await expect(db.$executeRawUnsafe(`SET ROLE postgres`)).rejects.toThrow(/permission denied/);
    await expect(db.$executeRawUnsafe(`RESET ROLE; DELETE FROM "AuditEvent"`)).rejects.toThrow();

    expect(await snapshot(t.id)).toEqual(before);
    expect(await verifyChain(db, t.id)).toMatchObject({ valid: true, events: 3 });
  });

  it("refuses changes even from a superuser while the trigger is in place", async () => {
    const t = await createTestTenant("trigger");
    await append(t.id, 1);
    await withSuperuser(async (c) => {
      await expect(c.query(`UPDATE "AuditEvent" SET action = 'x' WHERE chain = $1`, [t.id])).rejects.toThrow(/append-only: UPDATE/);
      await expect(c.query(`DELETE FROM "AuditEvent" WHERE chain = $1`, [t.id])).rejects.toThrow(/append-only: DELETE/);
      await expect(c.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only: TRUNCATE/);
    });
    expect(await seqs(t.id)).toEqual([1]);
  });
});
