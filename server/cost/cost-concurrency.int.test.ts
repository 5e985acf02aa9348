// Reservations under concurrency against the real Postgres: a hard budget admits exactly what fits,
// spent + reserved never passes its limit in any committed row version (a trigger watches every
// update), settlements and releases running beside the reservations never deadlock them, and a
// reservation its worker never ended is settled at its reserved amount, once, however many
// sweepers race for it.
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db/client";
import { withSuperuser } from "../test/superuser-client";
import { expireReservations } from "./expire-reservations";
import { reserveCost } from "./reserve-cost";
import { releaseCost, settleCost } from "./settle-cost";
import { costFixture, periodsOf } from "./test-support";

// Every update of a hard budget's period that leaves spent + reserved above the limit is written down.
beforeAll(async () => {
  await withSuperuser((c) => c.query(`
    CREATE TABLE IF NOT EXISTS cost_test_overshoot ("periodId" text, spent bigint, reserved bigint, "limit" bigint);
    CREATE OR REPLACE FUNCTION cost_test_watch() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
    BEGIN
      INSERT INTO cost_test_overshoot SELECT NEW.id, NEW."spentMicros", NEW."reservedMicros", b."limitMicros"
      FROM "Budget" b WHERE b.id = NEW."budgetId" AND b.mode = 'hard' AND NEW."spentMicros" + NEW."reservedMicros" > b."limitMicros";
      RETURN NULL;
    END $$;
    DROP TRIGGER IF EXISTS cost_test_watch ON "BudgetPeriod";
    CREATE TRIGGER cost_test_watch AFTER INSERT OR UPDATE ON "BudgetPeriod" FOR EACH ROW EXECUTE FUNCTION cost_test_watch();`));
});

afterAll(async () => {
  await withSuperuser((c) => c.query(`DROP TRIGGER IF EXISTS cost_test_watch ON "BudgetPeriod"; DROP FUNCTION IF EXISTS cost_test_watch(); DROP TABLE IF EXISTS cost_test_overshoot;`));
  await disconnectDb();
});

const overshoots = (periodIds: string[]) => withSuperuser(async (c) => (await c.query(`SELECT * FROM cost_test_overshoot WHERE "periodId" = ANY($1)`, [periodIds])).rows);

describe("reservations under concurrency", () => {
  it("200 concurrent reservations against a hard budget that fits exactly 20, settled as they are admitted: exactly 20 admitted, never over, all settled", async () => {
    const f = await costFixture("cost-200");
    const AMOUNT = 1_000n;
    const hard = await f.budget({ scope: "tenant", mode: "hard", limitMicros: 20n * AMOUNT, period: "day", name: "Tenant day" });
    // Soft budgets and a roomy hard run budget beside it, so each reservation locks several periods, most of them new.
    const team = await f.budget({ scope: "team", mode: "soft", limitMicros: 5_000n, period: "week", teamId: f.team.id });
    const campaign = await f.budget({ scope: "campaign", mode: "soft", limitMicros: 5_000n, period: "campaign", campaignId: f.campaign.id });
    await f.budget({ scope: "run", mode: "hard", limitMicros: 1_000_000n, period: "run" });
    const runs = await Promise.all(Array.from({ length: 20 }, (_, i) => f.run({ campaign: i % 2 === 0, other: i % 3 === 0 })));

    const outcomes = await Promise.all(Array.from({ length: 200 }, async (_, i) => {
      const r = await reserveCost(runs[i % runs.length]!.work, f.item(AMOUNT));
      if (!r.ok) return { admitted: false as const, refusedBy: r.refusal.budgetId };
      // The call "happens", and costs exactly what was held (1,000 fresh input tokens at 1 each).
      const s = await settleCost(r.reservation.reservationId, { inputTokens: 1_000, outputTokens: 0 });
      return { admitted: true as const, cost: s!.costMicros };
    }));

    expect(outcomes.filter((o) => o.admitted)).toHaveLength(20);
    expect(new Set(outcomes.flatMap((o) => (o.admitted ? [] : [o.refusedBy])))).toEqual(new Set([hard.id]));
    const [period] = await periodsOf(hard.id);
    expect(period).toMatchObject({ spentMicros: 20n * AMOUNT, reservedMicros: 0n });
    expect(await overshoots([period!.id])).toEqual([]);
    const states = await db.costReservation.groupBy({ by: ["state"], where: { tenantId: f.tenantId }, _count: { _all: true } });
    expect(states.map((s) => [s.state, s._count._all])).toEqual([["settled", 20]]);
    expect(await db.costEntry.count({ where: { tenantId: f.tenantId } })).toBe(20);
    const runTotal = await db.run.aggregate({ where: { tenantId: f.tenantId }, _sum: { costMicros: true, modelCalls: true } });
    expect(runTotal._sum).toEqual({ costMicros: 20n * AMOUNT, modelCalls: 20 });
    const teamSpent = (await periodsOf(team.id)).reduce((a, p) => a + p.spentMicros, 0n);
    const campaignSpent = (await periodsOf(campaign.id)).reduce((a, p) => a + p.spentMicros, 0n);
    const daily = await db.costDaily.findMany({ where: { tenantId: f.tenantId } });
    expect(daily.reduce((a, d) => a + d.costMicros, 0n)).toBe(20n * AMOUNT);
    expect(teamSpent).toBe(daily.filter((d) => d.teamId === f.team.id).reduce((a, d) => a + d.costMicros, 0n));
    expect(campaignSpent).toBe(daily.filter((d) => d.campaignId === f.campaign.id).reduce((a, d) => a + d.costMicros, 0n));
    // One period per budget and key, however many reservations opened it at once.
    expect(await periodsOf(hard.id)).toHaveLength(1);
    // The watch itself sees an overshoot.
    await db.budgetPeriod.update({ where: { id: period!.id }, data: { reservedMicros: 1n } });
    expect(await overshoots([period!.id])).toEqual([{ periodId: period!.id, spent: "20000", reserved: "1", limit: "20000" }]);
    await db.budgetPeriod.update({ where: { id: period!.id }, data: { reservedMicros: 0n } });
  });

  it("reservations beside settlements below the hold, unknown costs and releases: never over any hard limit, no deadlock, the books add up", async () => {
    const f = await costFixture("cost-churn");
    const tenantHard = await f.budget({ scope: "tenant", mode: "hard", limitMicros: 60_000n, period: "month" });
    const teamHard = await f.budget({ scope: "team", mode: "hard", limitMicros: 40_000n, period: "day", teamId: f.team.id });
    const campaignSoft = await f.budget({ scope: "campaign", mode: "soft", limitMicros: 10_000n, period: "campaign", campaignId: f.campaign.id, thresholds: [10, 20, 50, 100] });
    const runHard = await f.budget({ scope: "run", mode: "hard", limitMicros: 9_000n, period: "run" });
    const runs = await Promise.all(Array.from({ length: 12 }, (_, i) => f.run({ campaign: i % 2 === 0, other: i % 4 === 3 })));

    let admitted = 0;
    const errors: unknown[] = [];
    await Promise.all(Array.from({ length: 40 }, async (_, w) => {
      for (let k = 0; k < 10; k++) {
        try {
          const n = w * 10 + k;
          const r = await reserveCost(runs[n % runs.length]!.work, f.item(BigInt(500 + (n % 7) * 250)));
          if (!r.ok) continue;
          admitted++;
          const id = r.reservation.reservationId;
          if (n % 5 === 0) await releaseCost(id);
          else if (n % 5 === 1) await settleCost(id, null);
          else await settleCost(id, { inputTokens: 100 + (n % 13) * 20, outputTokens: n % 50, cachedTokens: n % 30 });
        } catch (e) {
          errors.push(e);
        }
      }
    }));

    expect(errors).toEqual([]);
    expect(admitted).toBeGreaterThan(20);
    const budgets = [tenantHard, teamHard, campaignSoft, runHard];
    const periods = await db.budgetPeriod.findMany({ where: { budgetId: { in: budgets.map((b) => b.id) } } });
    expect(await overshoots(periods.map((p) => p.id))).toEqual([]);
    expect(periods.every((p) => p.reservedMicros === 0n)).toBe(true);
    expect(await db.costReservation.count({ where: { tenantId: f.tenantId, state: "held" } })).toBe(0);
    const entries = await db.costEntry.findMany({ where: { tenantId: f.tenantId } });
    const total = entries.reduce((a, e) => a + e.costMicros, 0n);
    const spent = (id: string) => periods.filter((p) => p.budgetId === id).reduce((a, p) => a + p.spentMicros, 0n);
    expect(spent(tenantHard.id)).toBe(total);
    expect(spent(teamHard.id)).toBe(entries.filter((e) => e.teamId === f.team.id).reduce((a, e) => a + e.costMicros, 0n));
    expect(spent(campaignSoft.id)).toBe(entries.filter((e) => e.campaignId === f.campaign.id).reduce((a, e) => a + e.costMicros, 0n));
    expect(spent(runHard.id)).toBe(total);
    for (const r of runs) {
      const run = await db.run.findUniqueOrThrow({ where: { id: r.runId } });
      expect(run.costMicros).toBe(entries.filter((e) => e.runId === r.runId).reduce((a, e) => a + e.costMicros, 0n));
    }
    expect((await db.costDaily.findMany({ where: { tenantId: f.tenantId } })).reduce((a, d) => a + d.costMicros, 0n)).toBe(total);
    expect(await db.costReservation.count({ where: { tenantId: f.tenantId, state: "settled" } })).toBe(entries.length);
  });
});

describe("a reservation its worker never ended", () => {
  it("is settled at the reserved amount once expired, marked expired, with one entry even when two sweepers race", async () => {
    const f = await costFixture("cost-expiry");
    const hard = await f.budget({ scope: "tenant", mode: "hard", limitMicros: 100_000n, period: "month" });
    const { runId, work } = await f.run();
    const live = await reserveCost(work, f.item(7_000n, 60_000));
    const lost = await reserveCost(work, f.item(12_345n, 1));
    const lost2 = await reserveCost(work, f.item(5n, 1));
    if (!live.ok || !lost.ok || !lost2.ok) throw new Error("refused");
    await sleep(50);

    const swept = await Promise.all([expireReservations(), expireReservations(), expireReservations()]);
    const lostIds = [lost.reservation.reservationId, lost2.reservation.reservationId];
    // Between them, the sweepers settled each lost reservation once (the count may include holds
    // other test files left to expire; this tenant's rows below say exactly what happened here).
    expect(swept.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
    const rows = await db.costReservation.findMany({ where: { tenantId: f.tenantId }, orderBy: { amountMicros: "desc" } });
    expect(rows.map((r) => [r.amountMicros, r.state])).toEqual([[12_345n, "settled"], [7_000n, "held"], [5n, "settled"]]);
    const entries = await db.costEntry.findMany({ where: { reservationId: { in: lostIds } }, orderBy: { costMicros: "desc" } });
    expect(entries.map((e) => [e.costMicros, e.expired, e.inputTokens, e.outputTokens])).toEqual([[12_345n, true, 0, 0], [5n, true, 0, 0]]);
    expect((await periodsOf(hard.id))[0]).toMatchObject({ spentMicros: 12_350n, reservedMicros: 7_000n });
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ costMicros: 12_350n, modelCalls: 0 });
    // Its worker, back late, cannot settle or release it again.
    expect(await settleCost(lost.reservation.reservationId, { inputTokens: 1, outputTokens: 1 })).toBeNull();
    expect(await releaseCost(lost.reservation.reservationId)).toBe(false);
    await expireReservations();
    expect(await db.costEntry.count({ where: { reservationId: { in: lostIds } } })).toBe(2);
    expect((await periodsOf(hard.id))[0]).toMatchObject({ spentMicros: 12_350n, reservedMicros: 7_000n });
    await releaseCost(live.reservation.reservationId);
  });

  it("one that cannot be settled (its price gone) does not stop the sweep of the others", async () => {
    const f = await costFixture("cost-expiry-poison");
    const hard = await f.budget({ scope: "tenant", mode: "hard", limitMicros: 100_000n, period: "month" });
    const { work } = await f.run();
    const poison = await db.costReservation.create({
      data: { tenantId: f.tenantId, runId: work.runId, kind: "model", subject: "gone", amountMicros: 1n, priceId: "price-that-is-gone", periodIds: [], expiresAt: new Date(Date.now() - 60_000) },
    });
    const good = await reserveCost(work, f.item(500n, 1));
    if (!good.ok) throw new Error("refused");
    await sleep(50);
    await expireReservations();
    expect((await db.costReservation.findUniqueOrThrow({ where: { id: good.reservation.reservationId } })).state).toBe("settled");
    expect((await periodsOf(hard.id))[0]).toMatchObject({ spentMicros: 500n, reservedMicros: 0n });
    expect((await db.costReservation.findUniqueOrThrow({ where: { id: poison.id } })).state).toBe("held");
    await db.costReservation.delete({ where: { id: poison.id } });
  });

  it("a settle racing the sweeper applies once: the worker's measured cost or the sweeper's reserved amount, never both", async () => {
    const f = await costFixture("cost-expiry-race");
    const hard = await f.budget({ scope: "tenant", mode: "hard", limitMicros: 100_000n, period: "month" });
    const { work } = await f.run();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await reserveCost(work, f.item(1_000n, 1));
      if (!r.ok) throw new Error("refused");
      ids.push(r.reservation.reservationId);
    }
    await sleep(50);
    const [, ...settled] = await Promise.all([expireReservations(), ...ids.map((id) => settleCost(id, { inputTokens: 10, outputTokens: 0 }))]);
    const byWorker = settled.filter((s) => s !== null).length;
    const entries = await db.costEntry.findMany({ where: { reservationId: { in: ids } } });
    expect(entries).toHaveLength(20);
    expect(entries.filter((e) => !e.expired)).toHaveLength(byWorker);
    const expected = BigInt(byWorker) * 10n + BigInt(20 - byWorker) * 1_000n;
    expect((await periodsOf(hard.id))[0]).toMatchObject({ spentMicros: expected, reservedMicros: 0n });
  });
});
