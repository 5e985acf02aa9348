// Prices by effective date against the real Postgres: the version in force at a moment, a future
// version not yet, a tenant's override before the platform's price, the "*" default for a model
// without a price (marked defaulted, or refused per the tenant's setting), resources; and a held
// call settled with the version it was reserved under, whatever came into force since.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db/client";
import { holdCost } from "./hold-cost";
import { worstCaseModelCost } from "./money";
import { priceInForce } from "./price-in-force";
import { settleCost } from "./settle-cost";
import { costFixture } from "./test-support";

afterAll(async () => {
  await disconnectDb();
});

const at = (iso: string) => new Date(iso);

async function price(scope: string, subject: string, version: number, effectiveFrom: string, micros: { inputMicros?: bigint; outputMicros?: bigint; cachedMicros?: bigint | null; unitMicros?: bigint }, kind = "model") {
  return db.price.create({
    data: { scope, tenantId: scope === "platform" ? null : scope, kind, subject, version, effectiveFrom: at(effectiveFrom), createdByLabel: "test", ...micros },
  });
}

describe("the price in force", () => {
  it("is the latest version in force at the moment asked, a future version not yet", async () => {
    const f = await costFixture("cost-price-dates");
    const model = `m-${randomBytes(4).toString("hex")}`;
    const v1 = await price("platform", model, 1, "2029-01-01T00:00:00Z", { inputMicros: 1_000_000n, outputMicros: 2_000_000n, cachedMicros: 100_000n });
    const v2 = await price("platform", model, 2, "2030-01-01T00:00:00Z", { inputMicros: 3_000_000n, outputMicros: 4_000_000n, cachedMicros: null });
    const v3 = await price("platform", model, 3, "2099-01-01T00:00:00Z", { inputMicros: 9n, outputMicros: 9n });
    const ask = async (when: string) => {
      const r = await priceInForce(db, f.tenantId, "model", model, at(when));
      return r.ok ? r.price : r.message;
    };
    // Before its first version the model has no price of its own: the "*" default.
    expect(await ask("2028-12-31T23:59:59.999Z")).toMatchObject({ subject: "*", defaulted: true });
    expect(await ask("2029-01-01T00:00:00.000Z")).toEqual({
      id: v1.id, scope: "platform", subject: model, version: 1, defaulted: false, inputMicros: 1_000_000n, outputMicros: 2_000_000n, cachedMicros: 100_000n, unitMicros: 0n,
    });
    expect(await ask("2029-12-31T23:59:59.999Z")).toMatchObject({ id: v1.id });
    // No cached price of its own: cached tokens cost what input tokens do.
    expect(await ask("2030-01-01T00:00:00.000Z")).toMatchObject({ id: v2.id, version: 2, cachedMicros: 3_000_000n });
    expect(await ask("2098-12-31T23:59:59.999Z")).toMatchObject({ id: v2.id });
    expect(await ask("2099-01-01T00:00:00.000Z")).toMatchObject({ id: v3.id });
    // Without a moment: now, when v3 is not yet in force.
    const now = await priceInForce(db, f.tenantId, "model", model);
    expect(now.ok ? now.price.id : now.message).not.toBe(v3.id);
  });

  it("is the tenant's own version before the platform's, for that tenant only", async () => {
    const f = await costFixture("cost-price-override");
    const other = await costFixture("cost-price-override-other");
    const model = `m-${randomBytes(4).toString("hex")}`;
    const p1 = await price("platform", model, 1, "2029-01-01T00:00:00Z", { inputMicros: 1n, outputMicros: 1n });
    const p2 = await price("platform", model, 2, "2031-01-01T00:00:00Z", { inputMicros: 2n, outputMicros: 2n });
    const t1 = await price(f.tenantId, model, 1, "2030-01-01T00:00:00Z", { inputMicros: 5n, outputMicros: 5n });
    const id = async (tenantId: string, when: string) => {
      const r = await priceInForce(db, tenantId, "model", model, at(when));
      return r.ok ? [r.price.id, r.price.scope, r.price.defaulted] : r.message;
    };
    expect(await id(f.tenantId, "2029-06-01T00:00:00Z")).toEqual([p1.id, "platform", false]);
    expect(await id(f.tenantId, "2030-06-01T00:00:00Z")).toEqual([t1.id, f.tenantId, false]);
    // A newer platform version does not displace the tenant's override.
    expect(await id(f.tenantId, "2031-06-01T00:00:00Z")).toEqual([t1.id, f.tenantId, false]);
    expect(await id(other.tenantId, "2030-06-01T00:00:00Z")).toEqual([p1.id, "platform", false]);
    expect(await id(other.tenantId, "2031-06-01T00:00:00Z")).toEqual([p2.id, "platform", false]);
  });

  it("for a model without a price is the \"*\" default (the tenant's, else the platform's), marked defaulted; a tenant that refuses gets none", async () => {
    const f = await costFixture("cost-price-default");
    const unknown = `unknown-${randomBytes(4).toString("hex")}`;
    const r = await priceInForce(db, f.tenantId, "model", unknown, at("2030-01-01T00:00:00Z"));
    expect(r).toEqual({ ok: true, price: expect.objectContaining({ id: "price_platform_model_default", scope: "platform", subject: "*", defaulted: true, inputMicros: 3_000_000n }) });
    const own = await price(f.tenantId, "*", 1, "2029-01-01T00:00:00Z", { inputMicros: 7n, outputMicros: 7n });
    expect(await priceInForce(db, f.tenantId, "model", unknown, at("2030-01-01T00:00:00Z"))).toEqual({ ok: true, price: expect.objectContaining({ id: own.id, defaulted: true }) });
    // A model of its own price is never defaulted, even where the tenant has a "*" of its own.
    expect(await priceInForce(db, f.tenantId, "model", "gpt-4o", at("2030-01-01T00:00:00Z"))).toEqual({ ok: true, price: expect.objectContaining({ id: "price_platform_model_gpt4o", defaulted: false }) });

    await db.tenantCostSettings.create({ data: { tenantId: f.tenantId, unknownModel: "refuse", updatedByLabel: "test" } });
    const refused = await priceInForce(db, f.tenantId, "model", unknown, at("2030-01-01T00:00:00Z"));
    expect(refused).toEqual({ ok: false, message: `the model "${unknown}" has no price, and this tenant refuses models without one (Admin → Prices)` });
    expect((await priceInForce(db, f.tenantId, "model", "gpt-4o")).ok).toBe(true);
    // Refusing touches this tenant only.
    const other = await costFixture("cost-price-default-other");
    expect((await priceInForce(db, other.tenantId, "model", unknown)).ok).toBe(true);
  });

  it("for a resource is its own price, the tenant's before the platform's; none at all is an answer", async () => {
    const f = await costFixture("cost-price-resource");
    expect(await priceInForce(db, f.tenantId, "resource", "sandbox_second")).toEqual({ ok: true, price: expect.objectContaining({ id: "price_platform_resource_sandbox", unitMicros: 30n, defaulted: false }) });
    const own = await price(f.tenantId, "sandbox_second", 1, "2026-01-01T00:00:00Z", { unitMicros: 45n }, "resource");
    expect(await priceInForce(db, f.tenantId, "resource", "sandbox_second")).toEqual({ ok: true, price: expect.objectContaining({ id: own.id, unitMicros: 45n }) });
    // A model's "*" never prices a resource, nor a model's price a resource of the same name.
    expect(await priceInForce(db, f.tenantId, "resource", "gpt-4o")).toEqual({ ok: false, message: 'no price is in force for the resource "gpt-4o"' });
    expect(await priceInForce(db, f.tenantId, "model", "sandbox_second")).toEqual({ ok: true, price: expect.objectContaining({ subject: "*", defaulted: true }) });
  });
});

describe("holding a model call", () => {
  it("reserves the worst case under the price in force, and settles with that version even after a new one comes into force", async () => {
    const f = await costFixture("cost-hold");
    const model = `m-${randomBytes(4).toString("hex")}`;
    const v1 = await price(f.tenantId, model, 1, "2026-01-01T00:00:00Z", { inputMicros: 1_000_000n, outputMicros: 2_000_000n });
    await f.budget({ scope: "run", mode: "hard", limitMicros: 10_000n, period: "run", name: "Per-run model budget" });
    const { runId, work } = await f.run();
    const worstCase = (p: Parameters<typeof worstCaseModelCost>[0]) => worstCaseModelCost(p, 3_000, 1_000);
    const held = await holdCost(work, { kind: "model", model, worstCase, ttlMs: 60_000, what: "the next model request" });
    if (!held.ok) throw new Error(held.message);
    expect(held.hold).toMatchObject({ amountMicros: 5_000n, price: { id: v1.id } });
    // A dearer version comes into force while the call is in flight.
    await price(f.tenantId, model, 2, new Date(Date.now() - 1).toISOString(), { inputMicros: 100_000_000n, outputMicros: 100_000_000n });
    expect(await settleCost(held.hold.reservationId, { inputTokens: 1_000, outputTokens: 100 })).toEqual({ costMicros: 1_200n });
    expect(await db.costEntry.findFirstOrThrow({ where: { runId } })).toMatchObject({ priceId: v1.id, costMicros: 1_200n, defaulted: false });

    // Under the new price the next call's worst case no longer fits the run's budget: refused, named.
    const refused = await holdCost(work, { kind: "model", model, worstCase, ttlMs: 60_000, what: "the next model request" });
    expect(refused).toEqual({
      ok: false, reason: "budget", refusal: expect.objectContaining({ budgetName: "Per-run model budget", scope: "run", periodKey: runId, spentMicros: 1_200n, neededMicros: 400_000n }),
      message: 'the hard run budget "Per-run model budget" has $0.0088 left of $0.01 ($0.0012 spent, $0.00 reserved); the next model request needs up to $0.40',
    });
  });

  it("costs a model without a price at the default, and says so on the entry; refuses it when the tenant says so", async () => {
    const f = await costFixture("cost-hold-default");
    const { runId, work } = await f.run();
    const model = `unpriced-${randomBytes(4).toString("hex")}`;
    const held = await holdCost(work, { kind: "model", model, worstCase: (p) => worstCaseModelCost(p, 100, 10), ttlMs: 60_000, what: "the next model request" });
    if (!held.ok) throw new Error(held.message);
    expect(held.hold.price).toMatchObject({ subject: "*", defaulted: true });
    expect(await db.costReservation.findUniqueOrThrow({ where: { id: held.hold.reservationId } })).toMatchObject({ subject: model, defaulted: true });
    await settleCost(held.hold.reservationId, { inputTokens: 10, outputTokens: 10 });
    expect(await db.costEntry.findFirstOrThrow({ where: { runId } })).toMatchObject({ subject: model, defaulted: true, priceId: "price_platform_model_default", costMicros: 180n });

    await db.tenantCostSettings.create({ data: { tenantId: f.tenantId, unknownModel: "refuse", updatedByLabel: "test" } });
    const refused = await holdCost(work, { kind: "model", model, worstCase: (p) => worstCaseModelCost(p, 100, 10), ttlMs: 60_000, what: "the next model request" });
    expect(refused).toMatchObject({ ok: false, reason: "no_price" });
    expect(await db.costReservation.count({ where: { tenantId: f.tenantId } })).toBe(1);
  });
});
