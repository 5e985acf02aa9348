// Budget periods against the real Postgres: a day, week (from Monday) or month budget opens a new
// period with nothing spent when a reservation falls in the next one (UTC calendar), so a hard
// budget exhausted yesterday admits work today; a campaign budget has one period for its life, a
// run budget one per run; a reservation settles into the period it was held in.
import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb } from "../db/client";
import type { CostWork } from "./cost-work";
import { reserveCost } from "./reserve-cost";
import { settleCost } from "./settle-cost";
import { costFixture, periodsOf, type CostFixture } from "./test-support";

afterAll(async () => {
  await disconnectDb();
});

const at = (iso: string) => new Date(iso);

async function spend(f: CostFixture, work: CostWork, amount: bigint, when: Date): Promise<boolean> {
  const r = await reserveCost(work, f.item(amount), when);
  if (!r.ok) return false;
  await settleCost(r.reservation.reservationId, null);
  return true;
}

const shape = async (budgetId: string) => (await periodsOf(budgetId)).map((p) => ({ key: p.periodKey, startsAt: p.startsAt.toISOString(), endsAt: p.endsAt?.toISOString() ?? null, spent: p.spentMicros }));

describe("budget periods", () => {
  it("a day budget resets at midnight UTC: exhausted on one day, it admits the next", async () => {
    const f = await costFixture("cost-day");
    const b = await f.budget({ scope: "tenant", mode: "hard", limitMicros: 1_000n, period: "day" });
    const w = f.tenantWork;
    expect(await spend(f, w, 1_000n, at("2030-01-15T00:00:00.000Z"))).toBe(true);
    expect(await spend(f, w, 1n, at("2030-01-15T23:59:59.999Z"))).toBe(false);
    expect(await spend(f, w, 1_000n, at("2030-01-16T00:00:00.000Z"))).toBe(true);
    expect(await spend(f, w, 1n, at("2030-01-16T12:00:00.000Z"))).toBe(false);
    expect(await shape(b.id)).toEqual([
      { key: "2030-01-15", startsAt: "2030-01-15T00:00:00.000Z", endsAt: "2030-01-16T00:00:00.000Z", spent: 1_000n },
      { key: "2030-01-16", startsAt: "2030-01-16T00:00:00.000Z", endsAt: "2030-01-17T00:00:00.000Z", spent: 1_000n },
    ]);
  });

  it("a week budget runs Monday to Monday UTC, across a year's end too", async () => {
    const f = await costFixture("cost-week");
    const b = await f.budget({ scope: "tenant", mode: "hard", limitMicros: 1_000n, period: "week" });
    const w = f.tenantWork;
    // 2030-01-07 is a Monday, 2030-01-13 a Sunday.
    expect(await spend(f, w, 600n, at("2030-01-07T00:00:00.000Z"))).toBe(true);
    expect(await spend(f, w, 400n, at("2030-01-13T23:59:59.999Z"))).toBe(true);
    expect(await spend(f, w, 1n, at("2030-01-10T08:00:00.000Z"))).toBe(false);
    expect(await spend(f, w, 1_000n, at("2030-01-14T00:00:00.000Z"))).toBe(true);
    // Tuesday 2030-12-31 and Wednesday 2031-01-01 are in the week of Monday 2030-12-30.
    expect(await spend(f, w, 700n, at("2030-12-31T23:00:00.000Z"))).toBe(true);
    expect(await spend(f, w, 301n, at("2031-01-01T01:00:00.000Z"))).toBe(false);
    expect(await spend(f, w, 300n, at("2031-01-05T23:59:59.999Z"))).toBe(true);
    expect(await shape(b.id)).toEqual([
      { key: "2030-01-07", startsAt: "2030-01-07T00:00:00.000Z", endsAt: "2030-01-14T00:00:00.000Z", spent: 1_000n },
      { key: "2030-01-14", startsAt: "2030-01-14T00:00:00.000Z", endsAt: "2030-01-21T00:00:00.000Z", spent: 1_000n },
      { key: "2030-12-30", startsAt: "2030-12-30T00:00:00.000Z", endsAt: "2031-01-06T00:00:00.000Z", spent: 1_000n },
    ]);
  });

  it("a month budget runs from the first of the month UTC, February of a leap year and December included", async () => {
    const f = await costFixture("cost-month");
    const b = await f.budget({ scope: "team", mode: "hard", limitMicros: 1_000n, period: "month", teamId: f.team.id });
    const { work } = await f.run();
    expect(await spend(f, work, 1_000n, at("2030-01-31T23:59:59.999Z"))).toBe(true);
    expect(await spend(f, work, 1n, at("2030-01-01T00:00:00.000Z"))).toBe(false);
    expect(await spend(f, work, 1_000n, at("2030-02-01T00:00:00.000Z"))).toBe(true);
    expect(await spend(f, work, 500n, at("2028-02-29T12:00:00.000Z"))).toBe(true);
    expect(await spend(f, work, 10n, at("2030-12-31T23:59:59.999Z"))).toBe(true);
    expect(await spend(f, work, 20n, at("2031-01-01T00:00:00.000Z"))).toBe(true);
    expect(await shape(b.id)).toEqual([
      { key: "2028-02-01", startsAt: "2028-02-01T00:00:00.000Z", endsAt: "2028-03-01T00:00:00.000Z", spent: 500n },
      { key: "2030-01-01", startsAt: "2030-01-01T00:00:00.000Z", endsAt: "2030-02-01T00:00:00.000Z", spent: 1_000n },
      { key: "2030-02-01", startsAt: "2030-02-01T00:00:00.000Z", endsAt: "2030-03-01T00:00:00.000Z", spent: 1_000n },
      { key: "2030-12-01", startsAt: "2030-12-01T00:00:00.000Z", endsAt: "2031-01-01T00:00:00.000Z", spent: 10n },
      { key: "2031-01-01", startsAt: "2031-01-01T00:00:00.000Z", endsAt: "2031-02-01T00:00:00.000Z", spent: 20n },
    ]);
  });

  it("a campaign budget has one period for the campaign's life; a run budget one per run", async () => {
    const f = await costFixture("cost-life");
    const c = await f.budget({ scope: "campaign", mode: "hard", limitMicros: 1_000n, period: "campaign", campaignId: f.campaign.id });
    const r = await f.budget({ scope: "run", mode: "hard", limitMicros: 600n, period: "run" });
    const a = await f.run({ campaign: true });
    const b = await f.run({ campaign: true });
    expect(await spend(f, a.work, 600n, at("2030-01-01T00:00:00Z"))).toBe(true);
    expect(await spend(f, a.work, 1n, at("2030-01-01T00:00:01Z"))).toBe(false); // its run budget
    expect(await spend(f, b.work, 400n, at("2031-06-01T00:00:00Z"))).toBe(true);
    expect(await spend(f, b.work, 1n, at("2032-06-01T00:00:00Z"))).toBe(false); // the campaign's, years later
    expect((await shape(c.id)).map((p) => [p.key, p.startsAt, p.endsAt, p.spent])).toEqual([["life", "2030-01-01T00:00:00.000Z", null, 1_000n]]);
    expect((await shape(r.id)).map((p) => [p.key, p.spent]).sort()).toEqual([[a.runId, 600n], [b.runId, 400n]].sort());
  });

  it("a reservation settles into the period it was held in, even when settled after the period ended", async () => {
    const f = await costFixture("cost-late-settle");
    const b = await f.budget({ scope: "tenant", mode: "hard", limitMicros: 1_000n, period: "day" });
    const r = await reserveCost(f.tenantWork, f.item(800n), at("2030-01-15T23:59:59.000Z"));
    if (!r.ok) throw new Error("refused");
    // The next day is a new period; the held amount stays in the old one.
    expect(await spend(f, f.tenantWork, 1_000n, at("2030-01-16T00:00:00Z"))).toBe(true);
    await settleCost(r.reservation.reservationId, { inputTokens: 300, outputTokens: 0 }, { at: at("2030-01-16T00:00:05Z") });
    expect((await periodsOf(b.id)).map((p) => [p.periodKey, p.spentMicros, p.reservedMicros])).toEqual([["2030-01-15", 300n, 0n], ["2030-01-16", 1_000n, 0n]]);
  });
});
