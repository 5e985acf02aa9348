// Budget alerts against the real Postgres: each threshold a period's spend passes is announced once
// per period, to every active tenant admin (an in-app notification) and every enabled webhook
// endpoint subscribed to budget.threshold_crossed (one delivery), whether the spend arrives in
// small settles, concurrent ones, or one settle that jumps several thresholds; a new period
// announces again; a threshold a settle passed but never announced (its process died first) is
// announced by the next settle in the period.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { db, disconnectDb } from "../db/client";
import { overrideEnv } from "../env";
import { closeQueues, obliterateQueues } from "../jobs/enqueue";
import { WEBHOOKS_QUEUE } from "../webhooks/events";
import { announceThresholds } from "./announce-thresholds";
import type { CostWork } from "./cost-work";
import { reserveCost } from "./reserve-cost";
import { settleCost } from "./settle-cost";
import { costFixture, periodsOf, type CostFixture } from "./test-support";

// The real announcement, unless a test makes it fail.
vi.mock("./announce-thresholds", async (importOriginal) => {
  const real = await importOriginal<typeof import("./announce-thresholds")>();
  return { ...real, announceThresholds: vi.fn(real.announceThresholds) };
});

const prefix = `fleetgate-cost-alerts-test-${randomBytes(3).toString("hex")}`;
overrideEnv({ QUEUE_PREFIX: prefix });

afterAll(async () => {
  // Deliveries are put on the queue after their transaction, without waiting.
  await new Promise((r) => setTimeout(r, 300));
  await closeQueues();
  await obliterateQueues(prefix, [WEBHOOKS_QUEUE]);
  await disconnectDb();
});

async function people(f: CostFixture) {
  const person = async (roles: string[], disabled = false) => {
    const user = await db.user.create({ data: { email: `p-${randomBytes(5).toString("hex")}@example.test`, name: "p", disabled } });
    await db.membership.create({ data: { tenantId: f.tenantId, userId: user.id, roles } });
    return user.id;
  };
  const admins = [await person(["tenant_admin"]), await person(["tenant_admin", "approver"])];
  await person(["tenant_admin"], true);
  await person(["operator", "approver"]);
  const endpoint = (events: string[], enabled = true) => db.webhookEndpoint.create({
    data: { tenantId: f.tenantId, url: "http://127.0.0.1:9/hook", secretEncrypted: "x", secretPrefix: "whsec_x", events, enabled },
  }).then((e) => e.id);
  const endpoints = [await endpoint(["budget.threshold_crossed"]), await endpoint(["approval.requested", "budget.threshold_crossed"])];
  await endpoint(["approval.requested"]);
  await endpoint(["budget.threshold_crossed"], false);
  return { admins, endpoints };
}

/** Spends `costMicros` (a reservation of that amount settled with unknown use) in the period of `at`. */
async function spend(f: CostFixture, work: CostWork, costMicros: bigint, at: Date) {
  const r = await reserveCost(work, f.item(costMicros), at);
  if (!r.ok) throw new Error("refused");
  await settleCost(r.reservation.reservationId, null);
}

/** The thresholds announced for one budget period: who was notified and which endpoints got a delivery, for each. */
async function announced(tenantId: string, period: { id: string; budgetId: string; periodKey: string }) {
  const notes = await db.notification.findMany({ where: { tenantId, dedupeKey: { startsWith: `budget:${period.id}:` } } });
  const deliveries = await db.webhookDelivery.findMany({ where: { tenantId, event: "budget.threshold_crossed" } });
  const out: Record<number, { users: string[]; endpoints: string[] }> = {};
  for (const n of notes) (out[Number(n.dedupeKey.split(":")[2])] ??= { users: [], endpoints: [] }).users.push(n.userId);
  for (const d of deliveries) {
    const b = (d.payload as { budget: { id: string; period: string; threshold: number } }).budget;
    if (b.id === period.budgetId && b.period === period.periodKey) (out[b.threshold] ??= { users: [], endpoints: [] }).endpoints.push(d.endpointId);
  }
  for (const v of Object.values(out)) {
    v.users.sort();
    v.endpoints.sort();
  }
  return out;
}

describe("soft budget alerts", () => {
  it("announce each threshold once per period: small settles, concurrent settles, a settle past two thresholds, a new period", async () => {
    const f = await costFixture("cost-alerts");
    const { admins, endpoints } = await people(f);
    const budget = await f.budget({ scope: "tenant", mode: "soft", limitMicros: 1_000_000n, period: "day", thresholds: [50, 80, 100], name: "Daily spend" });
    const { work } = await f.run();
    const day1 = new Date("2030-01-15T10:00:00Z");
    const each = { users: [...admins].sort(), endpoints: [...endpoints].sort() };

    await spend(f, work, 300_000n, day1);
    const [p1] = await periodsOf(budget.id);
    expect(await announced(f.tenantId, p1!)).toEqual({});
    await spend(f, work, 199_999n, day1);
    expect(await announced(f.tenantId, p1!)).toEqual({});
    // Exactly half.
    await spend(f, work, 1n, day1);
    expect(await announced(f.tenantId, p1!)).toEqual({ 50: each });
    // Ten concurrent settles take it from 50% to 90%: 80 is passed once.
    await Promise.all(Array.from({ length: 10 }, () => spend(f, work, 40_000n, day1)));
    expect(await announced(f.tenantId, p1!)).toEqual({ 50: each, 80: each });
    await spend(f, work, 300_000n, day1);
    await spend(f, work, 300_000n, day1);
    expect(await announced(f.tenantId, p1!)).toEqual({ 50: each, 80: each, 100: each });
    expect((await periodsOf(budget.id))[0]).toMatchObject({ spentMicros: 1_500_000n, alerted: [50, 80, 100] });

    // Each says the spend at the settle that passed it: 100% was passed at 1.2 (0.9 + 0.3).
    const note = await db.notification.findFirstOrThrow({ where: { dedupeKey: `budget:${p1!.id}:100` } });
    expect(note).toMatchObject({
      kind: "budget.threshold_crossed", title: 'Budget "Daily spend" passed 100%', link: `/${f.tenant.slug}/cost?budget=${budget.id}`,
      body: "$1.20 spent of $1.00 (soft, tenant budget, period 2030-01-15).",
    });
    const delivery = (await db.webhookDelivery.findMany({ where: { tenantId: f.tenantId, event: "budget.threshold_crossed" } }))
      .find((d) => (d.payload as { budget: { threshold: number } }).budget.threshold === 100)!;
    expect(delivery.payload).toMatchObject({
      event: "budget.threshold_crossed", tenant: f.tenant.slug,
      budget: { id: budget.id, name: "Daily spend", scope: "tenant", mode: "soft", period: "2030-01-15", threshold: 100, spent: "1.200000", limit: "1.000000", currency: "USD" },
    });
    expect((await db.notification.findFirstOrThrow({ where: { dedupeKey: `budget:${p1!.id}:80` } })).body).toMatch(/^\$0\.8\d spent of \$1\.00/);

    // The next day is a new period: a single settle past 50% and 80% announces both, once each.
    const day2 = new Date("2030-01-16T00:00:00Z");
    await spend(f, work, 850_000n, day2);
    const p2 = (await periodsOf(budget.id))[1]!;
    expect(p2).toMatchObject({ periodKey: "2030-01-16", spentMicros: 850_000n, alerted: [50, 80] });
    expect(await announced(f.tenantId, p2)).toEqual({ 50: each, 80: each });
    expect(await db.notification.count({ where: { tenantId: f.tenantId } })).toBe(2 * 5);
    expect(await db.webhookDelivery.count({ where: { tenantId: f.tenantId, event: "budget.threshold_crossed" } })).toBe(2 * 5);
  });

  it("many concurrent settles crossing every threshold at once announce each exactly once", async () => {
    const f = await costFixture("cost-alerts-race");
    const { admins, endpoints } = await people(f);
    const budget = await f.budget({ scope: "team", mode: "soft", limitMicros: 100_000n, period: "month", teamId: f.team.id, thresholds: [25, 50, 75, 100] });
    const hard = await f.budget({ scope: "tenant", mode: "hard", limitMicros: 150_000n, period: "month", thresholds: [90] });
    const runs = await Promise.all(Array.from({ length: 8 }, () => f.run()));
    const at = new Date("2030-03-31T23:59:59.999Z");
    await Promise.all(Array.from({ length: 60 }, (_, i) => spend(f, runs[i % runs.length]!.work, 2_500n, at)));
    const [p] = await periodsOf(budget.id);
    expect(p).toMatchObject({ periodKey: "2030-03-01", spentMicros: 150_000n });
    expect([...p!.alerted].sort((a, b) => a - b)).toEqual([25, 50, 75, 100]);
    const notes = await db.notification.findMany({ where: { tenantId: f.tenantId } });
    const deliveries = await db.webhookDelivery.findMany({ where: { tenantId: f.tenantId, event: "budget.threshold_crossed" } });
    // Four thresholds of the team budget and the hard budget's 90%.
    expect(notes).toHaveLength(5 * admins.length);
    expect(deliveries).toHaveLength(5 * endpoints.length);
    const key = (budgetId: string, t: number) => `${budgetId}:${t}`;
    const perKey = new Map<string, number>();
    for (const d of deliveries) {
      const b = (d.payload as { budget: { id: string; threshold: number } }).budget;
      perKey.set(key(b.id, b.threshold), (perKey.get(key(b.id, b.threshold)) ?? 0) + 1);
    }
    expect(Object.fromEntries(perKey)).toEqual({ [key(budget.id, 25)]: 2, [key(budget.id, 50)]: 2, [key(budget.id, 75)]: 2, [key(budget.id, 100)]: 2, [key(hard.id, 90)]: 2 });
  });

  it("a threshold passed but never announced (the process died after the settle committed) is announced by the next settle in the period, once", async () => {
    const f = await costFixture("cost-alerts-lost");
    const { admins, endpoints } = await people(f);
    const budget = await f.budget({ scope: "tenant", mode: "soft", limitMicros: 1_000_000n, period: "month", thresholds: [50, 80] });
    const { work } = await f.run();
    const at = new Date("2030-05-10T12:00:00Z");
    const each = { users: [...admins].sort(), endpoints: [...endpoints].sort() };

    vi.mocked(announceThresholds).mockClear().mockImplementationOnce(async () => {
      throw new Error("the worker died before announcing");
    });
    await spend(f, work, 600_000n, at);
    expect(announceThresholds).toHaveBeenCalledTimes(1);
    const [p] = await periodsOf(budget.id);
    // The cost is in; 50 % is passed but not marked, and nobody was told.
    expect(p).toMatchObject({ spentMicros: 600_000n, reservedMicros: 0n, alerted: [] });
    expect(await announced(f.tenantId, p!)).toEqual({});

    // The next settle in the period announces it, with the spend as it is then.
    await spend(f, work, 1n, at);
    expect((await periodsOf(budget.id))[0]).toMatchObject({ spentMicros: 600_001n, alerted: [50] });
    expect(await announced(f.tenantId, p!)).toEqual({ 50: each });
    expect((await db.notification.findFirstOrThrow({ where: { dedupeKey: `budget:${p!.id}:50` } })).body).toMatch(/^\$0\.60 spent of \$1\.00/);
    // And only once.
    await spend(f, work, 1n, at);
    await spend(f, work, 250_000n, at);
    expect(await announced(f.tenantId, p!)).toEqual({ 50: each, 80: each });
    expect(await db.notification.count({ where: { tenantId: f.tenantId } })).toBe(2 * admins.length);
  });
});
