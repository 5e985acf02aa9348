// Appending to the audit chain against the real database: gapless per-tenant numbering under
// concurrent writers, batches in one statement, rolled-back numbers reused, the database's hash
// equal to chain.ts's, time following the sequence, redacted payloads. Tampering: audit-tamper.int.test.ts.
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db/client";
import { append, event, range, seqs, snapshot } from "../test/audit-events";
import { createTestTenant } from "../test/create-tenant";
import { appendAuditEvent, appendAuditEvents, PLATFORM_CHAIN } from "./append-event";
import { verifyChain } from "./verify-chain";

afterAll(disconnectDb);

describe("audit chain under concurrency", () => {
  it("keeps each tenant's chain gapless and valid with 8 concurrent writers over 2 tenants", async () => {
    const tenants = [await createTestTenant("conc-a"), await createTestTenant("conc-b")];
    const WRITERS = 8;
    const PER_WRITER = 40;
    await Promise.all(range(WRITERS).map(async (w) => {
      for (let i = 0; i < PER_WRITER; i++) await append(tenants[w % 2]!.id, w * 1000 + i);
    }));

    const perTenant = (WRITERS / 2) * PER_WRITER;
    for (const t of tenants) {
      expect(await seqs(t.id)).toEqual(range(perTenant));
      const times = (await snapshot(t.id)).map((r) => r.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const result = await verifyChain(db, t.id);
      expect(result).toMatchObject({ valid: true, events: perTenant });
      const head = await db.auditChainHead.findUniqueOrThrow({ where: { chain: t.id } });
      expect(Number(head.seq)).toBe(perTenant);
      if (result.valid) expect(result.headHash).toBe(head.hash);
    }
  });

  it("verifies a chain as valid while events are still being appended to it", async () => {
    // verifyChain must judge the chain as of its head when it starts; an event committed during
    // the walk is not a broken chain.
    const t = await createTestTenant("live");
    for (let i = 1; i <= 20; i++) await append(t.id, i);
    let appending = true;
    const writers = Promise.all(range(4).map(async (w) => {
      for (let i = 0; appending; i++) await append(t.id, w * 10_000 + i);
    }));
    const results = [];
    try {
      for (let i = 0; i < 25; i++) results.push(await verifyChain(db, t.id));
    } finally {
      appending = false;
      await writers;
    }
    expect(results.filter((r) => !r.valid)).toEqual([]);
    expect(results.at(-1)!.events).toBeGreaterThan(20);
  });

  it("gives a rolled-back transaction's sequence number to the next event", async () => {
    const t = await createTestTenant("rollback");
    await append(t.id, 1);
    await expect(db.$transaction(async (tx) => {
      await appendAuditEvent(tx, event(t.id, 2, { action: "test.rolled_back" }));
      throw new Error("the mutation this event belonged to failed");
    })).rejects.toThrow("mutation");
    await append(t.id, 3);

    const rows = await snapshot(t.id);
    expect(rows.map((r) => [Number(r.seq), r.action])).toEqual([[1, "test.append"], [2, "test.append"]]);
    expect(await verifyChain(db, t.id)).toMatchObject({ valid: true, events: 2 });
  });

  it("appends a batch in one statement in the order given: consecutive numbers among concurrent writers, across chains too", async () => {
    const t = await createTestTenant("batch");
    await append(t.id, 0);
    await Promise.all(range(4).map(async (w) => {
      for (let i = 0; i < 8; i++) {
        if (i % 2) await append(t.id, w * 100 + i);
        else {
          const batch = [0, 1, 2].map((k) => event(t.id, w * 100 + i, { resourceId: `batch-${w}-${i}-${k}` }));
          const appended = await db.$transaction((tx) => appendAuditEvents(tx, batch));
          expect(appended.map((e) => e.seq)).toEqual([0, 1, 2].map((k) => appended[0]!.seq + k));
        }
      }
    }));
    const rows = await snapshot(t.id);
    expect(rows.map((r) => Number(r.seq))).toEqual(range(1 + 4 * (4 * 1 + 4 * 3)));
    // Each batch's events sit next to each other, in the order given.
    const batches = rows.filter((r) => r.resourceId?.startsWith("batch-"));
    expect(batches).toHaveLength(4 * 4 * 3);
    for (let i = 0; i < batches.length; i += 3) {
      const [a, b, c] = batches.slice(i, i + 3);
      expect([b!.resourceId, c!.resourceId]).toEqual([a!.resourceId!.replace(/0$/, "1"), a!.resourceId!.replace(/0$/, "2")]);
      expect([Number(b!.seq), Number(c!.seq)]).toEqual([Number(a!.seq) + 1, Number(a!.seq) + 2]);
    }
    expect(await verifyChain(db, t.id)).toMatchObject({ valid: true, events: rows.length });

    // One statement, two chains: each event lands on its own chain, both still verify.
    const before = await db.auditChainHead.findUniqueOrThrow({ where: { chain: PLATFORM_CHAIN } });
    const [own, platform, ownAgain] = await db.$transaction((tx) => appendAuditEvents(tx, [event(t.id, 1), { ...event(t.id, 2), tenantId: null }, event(t.id, 3)]));
    expect([own, ownAgain].map((e) => [e!.chain, e!.seq])).toEqual([[t.id, rows.length + 1], [t.id, rows.length + 2]]);
    expect(platform!.chain).toBe(PLATFORM_CHAIN);
    expect(platform!.seq).toBeGreaterThan(Number(before.seq)); // other files may append to the platform chain meanwhile
    expect(await verifyChain(db, t.id)).toMatchObject({ valid: true, events: rows.length + 2 });
    expect(await verifyChain(db, PLATFORM_CHAIN)).toMatchObject({ valid: true });
  });

  it("takes a rolled-back batch's numbers back", async () => {
    const t = await createTestTenant("batch-rollback");
    await append(t.id, 1);
    await expect(db.$transaction(async (tx) => {
      await appendAuditEvents(tx, [event(t.id, 2, { action: "test.rolled_back" }), event(t.id, 3, { action: "test.rolled_back" })]);
      throw new Error("the mutation these events belonged to failed");
    })).rejects.toThrow("mutation");
    await append(t.id, 4);
    expect((await snapshot(t.id)).map((r) => [Number(r.seq), r.action])).toEqual([[1, "test.append"], [2, "test.append"]]);
    expect(await verifyChain(db, t.id)).toMatchObject({ valid: true, events: 2 });
  });

  it("hashes in the database exactly as chain.ts does, whatever the text", async () => {
    const t = await createTestTenant("escaping");
    const texts = ["é ü 中文 😀", "quote \" backslash \\ tab\t nl\n \u0001", "\u2028\u2029", "'; DROP TABLE x; --", "$$ $tag$"];
    for (const [i, text] of texts.entries()) {
      await append(t.id, i, {
        actorLabel: text, resourceId: text, requestId: text, sourceIp: text,
        payload: { [text]: text, seq: Number.MAX_SAFE_INTEGER, createdAt: "2020-01-01T00:00:00.000Z", n: [1.5, -0, 1e21] },
        before: { text }, after: { "seq": 1, "createdAt": text },
      });
    }
    expect(await verifyChain(db, t.id)).toMatchObject({ valid: true, events: texts.length });
  });

  it("stamps an event when it gets the chain lock, so time follows the sequence", async () => {
    const t = await createTestTenant("clock");
    await append(t.id, 1);
    let committedAt = 0;
    const holder = db.$transaction(async (tx) => {
      await appendAuditEvent(tx, event(t.id, 2));
      await new Promise((r) => setTimeout(r, 300));
      committedAt = Date.now();
    });
    await new Promise((r) => setTimeout(r, 50));
    const waitingSince = Date.now();
    await append(t.id, 3); // waits for the holder's lock
    await holder;
    const [, second, third] = await snapshot(t.id);
    expect(third!.createdAt.getTime()).toBeGreaterThanOrEqual(committedAt - 20);
    expect(third!.createdAt.getTime() - waitingSince).toBeGreaterThanOrEqual(200);
    expect(third!.createdAt.getTime()).toBeGreaterThan(second!.createdAt.getTime());
  });

  it("stores redacted payloads and still verifies", async () => {
    const t = await createTestTenant("redact");
    await append(t.id, 1, { payload: { apiKey: "k-123", note: "uses ghp_" + "a".repeat(36) } });
    const [row] = await snapshot(t.id);
    expect(row!.payload).toEqual({ apiKey: "[REDACTED]", note: "uses [REDACTED:github_token]" });
    expect(await verifyChain(db, t.id)).toMatchObject({ valid: true, events: 1 });
  });
});
