// The cost dashboard against a tenant with costed work at fixed dates: spend sums exactly what
// CostEntry holds, stacked by each dimension; the filters narrow it; cost per run, per succeeded run
// and per merged PR; the top lists; each budget's burn-down and projection at a fixed "now"; per-run
// budgets with the runs they stopped; and nothing of another tenant, whatever id a filter names.
import { beforeAll, describe, expect, it } from "vitest";
import { readContext } from "../core/read-context";
import { db } from "../db/client";
import { campaignFleet } from "../test/campaign-fleet";
import { at, costFixture, foreignCost, NOW, type CostFixture } from "../test/cost-fixture";
import { scopeAs } from "../test/run-as";
import { ZCostFilter } from "./cost-filter";
import type { CostDashboard } from "./cost-view";
import { getCostDashboard } from "./get-cost-dashboard";
import { recordCost } from "./record-cost";

let x: CostFixture;
let other: Awaited<ReturnType<typeof foreignCost>>;

beforeAll(async () => {
  x = await costFixture("cost-dash");
  other = await foreignCost("cost-dash-other");
});

const dash = async (q: Record<string, string> = {}): Promise<CostDashboard> =>
  getCostDashboard(readContext(await scopeAs(x.f.admin.id, x.f.tenant)), ZCostFilter.parse({ range: "month", ...q }), NOW);

const entrySum = async (tenantId: string, from: string, to: string) =>
  Number((await db.$queryRaw<{ s: bigint }[]>`SELECT coalesce(sum("costMicros"), 0)::bigint AS s FROM "CostEntry" WHERE "tenantId" = ${tenantId} AND at >= ${from}::timestamptz AND at < ${to}::timestamptz`)[0]!.s);

const byLabel = (d: CostDashboard) => Object.fromEntries(d.spend.series.map((s) => [s.label, s.costMicros]));

describe("the cost dashboard", () => {
  it("sums exactly what CostEntry holds for the range, by day and by team", async () => {
    const d = await dash();
    expect([d.from, d.to, d.currency]).toEqual(["2026-03-01", "2026-03-15", "USD"]);
    expect(d.total.costMicros).toBe(await entrySum(x.f.tenant.id, "2026-03-01T00:00:00Z", "2026-03-16T00:00:00Z"));
    expect(d.total).toEqual({ costMicros: 3_766_793, entries: 7, inputTokens: 501_400, outputTokens: 100_220 });
    expect(byLabel(d)).toEqual({ web: 2_333_336, payments: 1_310_000, "(no team)": 123_457 });
    expect(d.spend.points).toHaveLength(15);
    const day = (s: string) => d.spend.points.find((p) => p.day === s)!.values;
    const key = (label: string) => d.spend.series.find((s) => s.label === label)!.key;
    expect(day("2026-03-11")[key("web")]).toBe(2_000_003);
    expect(day("2026-03-10")[key("payments")]).toBe(1_300_000);
    expect(day("2026-03-01")).toEqual({ [key("web")]: 0, [key("payments")]: 0, [key("(no team)")]: 0 });
    const summed = d.spend.points.reduce((a, p) => a + Object.values(p.values).reduce((b, v) => b + v, 0), 0);
    expect(summed).toBe(d.total.costMicros);
  });

  it("stacks by model (sandbox and verifier time apart), kind, task class, campaign and repository", async () => {
    expect(byLabel(await dash({ groupBy: "model" }))).toEqual({ "gpt-b": 2_000_003, "gpt-a": 1_466_790, "Sandbox time": 250_000, "Verifier time": 50_000 });
    expect(byLabel(await dash({ groupBy: "kind" }))).toEqual({ "Model calls": 3_466_793, "Sandbox time": 250_000, "Verifier time": 50_000 });
    expect(byLabel(await dash({ groupBy: "taskClass" }))).toEqual({ Refactor: 2_333_336, "Docs update": 1_433_457 });
    expect(byLabel(await dash({ groupBy: "campaign" }))).toEqual({ "(not in a campaign)": 3_643_336, [`migrate-cost-dash`]: 123_457 });
    expect(byLabel(await dash({ groupBy: "repository" }))).toEqual({ "acme/web-app": 2_333_336, "acme/pay-api": 1_310_000, "acme/orphan-lib": 123_457 });
  });

  it("narrows by team, campaign, repository, task class, model and days", async () => {
    expect((await dash({ team: "payments" })).total.costMicros).toBe(1_310_000);
    expect((await dash({ campaign: x.campaignId })).total.costMicros).toBe(123_457);
    expect((await dash({ repository: x.f.repo["web-app"]! })).total.costMicros).toBe(2_333_336);
    expect((await dash({ taskClass: "refactor" })).total.costMicros).toBe(2_333_336);
    const gptB = await dash({ model: "gpt-b" });
    expect([gptB.total.costMicros, gptB.unitCosts.modelFilterIgnored]).toEqual([2_000_003, true]);
    const feb = await dash({ from: "2026-02-01", to: "2026-02-28" });
    expect([feb.total.costMicros, feb.unitCosts.runs.count, feb.unitCosts.mergedPrs.count, feb.spend.points.length]).toEqual([5_000_000, 1, 1, 28]);
    expect((await dash({ range: "7d" })).total.costMicros).toBe(await entrySum(x.f.tenant.id, "2026-03-09T00:00:00Z", "2026-03-16T00:00:00Z"));
  });

  it("costs per run, per succeeded run (by finishedAt) and per merged PR", async () => {
    const u = (await dash()).unitCosts;
    expect(u.runs).toEqual({ count: 3, costMicros: 3_756_793, perItemMicros: 1_252_264 });
    expect(u.succeeded).toEqual({ count: 2, costMicros: 1_423_457, perItemMicros: 711_729 });
    expect(u.mergedPrs).toEqual({ count: 2, costMicros: 1_423_457, perItemMicros: 711_729 });
    expect((await dash({ team: "payments" })).unitCosts.runs).toEqual({ count: 1, costMicros: 1_300_000, perItemMicros: 1_300_000 });
    expect((await dash({ campaign: x.campaignId })).unitCosts.mergedPrs).toEqual({ count: 1, costMicros: 123_457, perItemMicros: 123_457 });
  });

  it("lists the top teams, repositories, campaigns and runs with their shares", async () => {
    const d = await dash();
    expect(d.top.teams.rows.map((r) => [r.label, r.costMicros, Math.round(r.share * 1000) / 1000])).toEqual([["web", 2_333_336, 0.619], ["payments", 1_310_000, 0.348], ["(no team)", 123_457, 0.033]]);
    expect(d.top.repositories.rows[0]).toMatchObject({ key: x.f.repo["web-app"], label: "acme/web-app" });
    expect(d.top.campaigns.rows.map((r) => r.label)).toEqual(["(not in a campaign)", "migrate-cost-dash"]);
    expect(d.top.runs.map((r) => [r.runId, r.costMicros, r.state])).toEqual([[x.runs.r2, 2_333_336, "failed"], [x.runs.r1, 1_300_000, "succeeded"], [x.runs.r3, 123_457, "succeeded"]]);
  });

  it("burns each budget down to its period's end and says when it runs out", async () => {
    const b = Object.fromEntries((await dash()).budgets.map((x) => [x.name, x]));
    expect(Object.keys(b)).toEqual(["Campaign life", "Monthly", "Web weekly"]);
    const m = b.Monthly!;
    // Spent 3,766,793 by now; the last 7 days (the 9th to now, 6.5 days) spent all of it.
    const rate = 3_766_793 / 6.5;
    expect(m).toMatchObject({ periodKey: "2026-03-01", startsAt: "2026-03-01T00:00:00.000Z", endsAt: "2026-04-01T00:00:00.000Z", spentMicros: 3_766_793, budgetSpentMicros: 3_700_000, budgetReservedMicros: 50_000, status: "projected_over", exhaustedOn: null });
    expect(m.dailyRateMicros).toBe(Math.round(rate));
    expect(m.projectedEndMicros).toBe(3_766_793 + Math.round(rate * 16.5));
    expect(m.runsOutAt!.slice(0, 10)).toBe("2026-03-26");
    expect(m.points).toHaveLength(31);
    expect(m.points[9]).toEqual({ day: "2026-03-10", spentMicros: 1_300_000, projectedMicros: null });
    expect(m.points[14]).toEqual({ day: "2026-03-15", spentMicros: 3_766_793, projectedMicros: 3_766_793 });
    expect(m.points[30]).toEqual({ day: "2026-03-31", spentMicros: null, projectedMicros: m.projectedEndMicros });
    // The web team's week (from Monday the 9th) passed its limit on the 11th.
    expect(b["Web weekly"]).toMatchObject({ periodKey: "2026-03-09", spentMicros: 2_333_336, status: "exhausted", exhaustedOn: "2026-03-11", runsOutAt: null, target: "web" });
    // The campaign's life has no end: a projection, no end amount, runs out at its rate since launch.
    const c = b["Campaign life"]!;
    expect(c).toMatchObject({ periodKey: "life", endsAt: null, projectedEndMicros: null, spentMicros: 123_457, budgetSpentMicros: 123_457, status: "projected_over", target: "migrate-cost-dash" });
    const campaignRate = 123_457 / (52 / 24);
    expect(c.runsOutAt!.slice(0, 10)).toBe(new Date(NOW.getTime() + ((1_000_000 - 123_457) / campaignRate) * 86_400_000).toISOString().slice(0, 10));
  });

  it("counts the runs per-run budgets stopped and hold, in the range", async () => {
    expect((await dash()).runBudgets).toEqual([{ id: x.budgets.perRun, name: "Per-run", mode: "hard", limitMicros: 2_000_000, onExhausted: "fail", runs: 2, stopped: 1, waiting: 1 }]);
    expect((await dash({ from: "2026-02-01", to: "2026-02-28" })).runBudgets[0]).toMatchObject({ runs: 0, stopped: 0, waiting: 1 });
  });

  it("shows nothing of another tenant, whatever its ids", async () => {
    for (const q of [{ campaign: other.campaignId }, { repository: other.f.repo["web-app"]! }, { team: "nobody" }] as Record<string, string>[]) {
      const d = await dash(q);
      expect([d.total.costMicros, d.spend.series, d.unitCosts.runs.count, d.unitCosts.mergedPrs.count, d.top.runs]).toEqual([0, [], 0, 0, []]);
    }
    const mine = await dash();
    expect(mine.budgets.map((b) => b.id)).not.toContain(other.budgetId);
    expect(mine.top.runs.map((r) => r.runId)).not.toContain(other.runId);
  });
});

describe("the spend chart past eight series", () => {
  it("keeps the seven costliest and puts the rest together as others, day by day", async () => {
    const f = await campaignFleet("cost-many");
    const priceId = (await db.price.create({ data: { scope: f.tenant.id, tenantId: f.tenant.id, kind: "model", subject: "*", version: 1, inputMicros: 1n, outputMicros: 1n, effectiveFrom: at("2026-01-01"), createdByLabel: "test" } })).id;
    const work = { tenantId: f.tenant.id, runId: null, teamId: null, repositoryId: null, campaignId: null, taskClass: null };
    // Model m1 costs 1,000, m2 2,000 ... m10 10,000, half on the 2nd and half on the 3rd.
    for (let m = 1; m <= 10; m++) {
      for (const day of ["2026-03-02", "2026-03-03"]) {
        await recordCost(db, work, { kind: "model", subject: `m${m}`, priceId, defaulted: true, measured: {}, costMicros: BigInt(m * 500), at: at(day) });
      }
    }
    const d = await getCostDashboard(readContext(await scopeAs(f.admin.id, f.tenant)), ZCostFilter.parse({ range: "month", groupBy: "model" }), NOW);
    expect(d.spend.series.map((s) => [s.key, s.label, s.costMicros])).toEqual([
      ["m10", "m10", 10_000], ["m9", "m9", 9_000], ["m8", "m8", 8_000], ["m7", "m7", 7_000], ["m6", "m6", 6_000], ["m5", "m5", 5_000], ["m4", "m4", 4_000],
      ["other", "Others (3)", 6_000],
    ]);
    const day = (s: string) => d.spend.points.find((p) => p.day === s)!.values;
    expect([day("2026-03-02").other, day("2026-03-03").m10, day("2026-03-04").other]).toEqual([3_000, 5_000, 0]);
    expect(d.total.costMicros).toBe(55_000);
  });
});
