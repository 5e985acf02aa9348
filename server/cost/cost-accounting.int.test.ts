// The cost engine's books against the real Postgres: what reserving, settling and releasing do to
// every covering budget's period (exact, in micro-units), that the entry, the daily rollup and the
// run's total agree, a hard budget's refusal (the tightest budget named, nothing written), a soft
// budget that never refuses, and which budgets cover which work.
import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "../db/client";
import { refusalMessage } from "./hold-cost";
import { reserveCost } from "./reserve-cost";
import { releaseCost, settleCost } from "./settle-cost";
import { costFixture, costWorkOfRun, periodsOf } from "./test-support";

afterAll(async () => {
  await disconnectDb();
});

async function reserved(r: Awaited<ReturnType<typeof reserveCost>>): Promise<string> {
  if (!r.ok) throw new Error(`refused by ${r.refusal.budgetName}`);
  return r.reservation.reservationId;
}

const amounts = async (budgetId: string) => (await periodsOf(budgetId)).map((p) => ({ key: p.periodKey, spent: p.spentMicros, reserved: p.reservedMicros }));

describe("reserve, settle, release", () => {
  it("moves amounts between reserved and spent exactly, once, in every covering budget; entry, rollup and run total agree", async () => {
    const f = await costFixture("cost-books");
    const tenantB = await f.budget({ scope: "tenant", mode: "hard", limitMicros: 1_000_000n, period: "month" });
    const teamB = await f.budget({ scope: "team", mode: "soft", limitMicros: 1_000_000n, period: "week", teamId: f.team.id });
    const campaignB = await f.budget({ scope: "campaign", mode: "soft", limitMicros: 1_000_000n, period: "campaign", campaignId: f.campaign.id });
    const runB = await f.budget({ scope: "run", mode: "hard", limitMicros: 1_000_000n, period: "run" });
    const { runId, work } = await f.run({ campaign: true });
    expect(work).toEqual({ tenantId: f.tenantId, runId, teamId: f.team.id, repositoryId: f.repo.id, campaignId: f.campaign.id, taskClass: "docs_update" });
    const all = [tenantB, teamB, campaignB, runB];

    const first = await reserved(await reserveCost(work, f.item(10_000n)));
    const second = await reserved(await reserveCost(work, f.item(5_000n)));
    for (const b of all) expect((await amounts(b.id)).map((a) => [a.spent, a.reserved])).toEqual([[0n, 15_000n]]);
    expect((await amounts(runB.id))[0]!.key).toBe(runId);
    expect((await amounts(campaignB.id))[0]!.key).toBe("life");
    const r1 = await db.costReservation.findUniqueOrThrow({ where: { id: first } });
    expect(r1).toMatchObject({ tenantId: f.tenantId, runId, kind: "model", subject: "cost-test-model", amountMicros: 10_000n, priceId: f.price.id, state: "held" });
    expect(new Set(r1.periodIds)).toEqual(new Set((await db.budgetPeriod.findMany({ where: { budgetId: { in: all.map((b) => b.id) } } })).map((p) => p.id)));

    // 1,000 input tokens of which 200 cached, 500 output: 800 x 1 + 200 x 0.5 + 500 x 2 = 1,900.
    expect(await settleCost(first, { inputTokens: 1_000, outputTokens: 500, cachedTokens: 200, latencyMs: 12.4 })).toEqual({ costMicros: 1_900n });
    for (const b of all) expect((await amounts(b.id)).map((a) => [a.spent, a.reserved])).toEqual([[1_900n, 5_000n]]);
    expect(await releaseCost(second)).toBe(true);
    for (const b of all) expect((await amounts(b.id)).map((a) => [a.spent, a.reserved])).toEqual([[1_900n, 0n]]);

    // Each ends once: a second settle or release of either changes nothing.
    expect(await settleCost(first, { inputTokens: 1, outputTokens: 1 })).toBeNull();
    expect(await settleCost(second, null)).toBeNull();
    expect(await releaseCost(first)).toBe(false);
    expect(await releaseCost(second)).toBe(false);
    for (const b of all) expect((await amounts(b.id)).map((a) => [a.spent, a.reserved])).toEqual([[1_900n, 0n]]);
    expect(await db.costReservation.findMany({ where: { id: { in: [first, second] } }, select: { id: true, state: true }, orderBy: { amountMicros: "desc" } }))
      .toEqual([{ id: first, state: "settled" }, { id: second, state: "released" }]);

    const entries = await db.costEntry.findMany({ where: { tenantId: f.tenantId } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      runId, reservationId: first, kind: "model", subject: "cost-test-model", priceId: f.price.id, defaulted: false, expired: false,
      inputTokens: 1_000, outputTokens: 500, cachedTokens: 200, latencyMs: 12, costMicros: 1_900n,
      teamId: f.team.id, repositoryId: f.repo.id, campaignId: f.campaign.id, taskClass: "docs_update",
    });

    // More calls, some settled at their measured cost, one unknown (the reserved amount), one released.
    const costs: bigint[] = [1_900n];
    for (const [i, m] of [{ inputTokens: 7, outputTokens: 3 }, { inputTokens: 1, outputTokens: 0, cachedTokens: 1 }, null, { inputTokens: 123_456, outputTokens: 7_890 }].entries()) {
      const id = await reserved(await reserveCost(work, f.item(400_000n + BigInt(i))));
      const s = await settleCost(id, m);
      costs.push(s!.costMicros);
    }
    expect(costs).toEqual([1_900n, 13n, 1n, 400_002n, 139_236n]);
    await releaseCost(await reserved(await reserveCost(work, f.item(1_000n))));
    const total = costs.reduce((a, b) => a + b, 0n);
    for (const b of all) expect((await amounts(b.id)).map((a) => [a.spent, a.reserved])).toEqual([[total, 0n]]);
    const sumEntries = await db.costEntry.aggregate({ where: { tenantId: f.tenantId }, _sum: { costMicros: true }, _count: { _all: true } });
    const daily = await db.costDaily.findMany({ where: { tenantId: f.tenantId } });
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(sumEntries._sum.costMicros).toBe(total);
    expect(sumEntries._count._all).toBe(5);
    expect(daily.reduce((a, d) => a + d.costMicros, 0n)).toBe(total);
    expect(daily.reduce((a, d) => a + d.entries, 0)).toBe(5);
    expect(daily.every((d) => d.teamId === f.team.id && d.campaignId === f.campaign.id && d.repositoryId === f.repo.id && d.taskClass === "docs_update" && d.kind === "model")).toBe(true);
    expect(daily.reduce((a, d) => a + d.inputTokens, 0n)).toBe(BigInt(1_000 + 7 + 1 + 123_456));
    expect(run.costMicros).toBe(total);
    // The call whose use is unknown is costed but not counted as a model call with tokens.
    expect(run).toMatchObject({ modelCalls: 4, inputTokens: 1_000 + 7 + 1 + 123_456, outputTokens: 500 + 3 + 7_890 });
    expect(await db.costEntry.count({ where: { tenantId: f.tenantId, expired: true } })).toBe(1);
  });

  it("costs work outside a run against the tenant's budgets only, with empty dimensions in the rollup", async () => {
    const f = await costFixture("cost-tenant-work");
    const tenantB = await f.budget({ scope: "tenant", mode: "soft", limitMicros: 10_000n, period: "day" });
    await f.budget({ scope: "run", mode: "hard", limitMicros: 1n, period: "run" });
    const id = await reserved(await reserveCost(f.tenantWork, f.item(100n)));
    expect(await settleCost(id, { inputTokens: 10, outputTokens: 10 })).toEqual({ costMicros: 30n });
    expect((await amounts(tenantB.id)).map((a) => [a.spent, a.reserved])).toEqual([[30n, 0n]]);
    expect(await db.costDaily.findMany({ where: { tenantId: f.tenantId }, select: { teamId: true, campaignId: true, repositoryId: true, taskClass: true, costMicros: true } }))
      .toEqual([{ teamId: "", campaignId: "", repositoryId: "", taskClass: "", costMicros: 30n }]);
  });
});

describe("a hard budget without room", () => {
  it("refuses the whole reservation, naming the tightest budget, and writes nothing", async () => {
    const f = await costFixture("cost-refusal");
    const tenantB = await f.budget({ scope: "tenant", mode: "hard", limitMicros: 100_000n, period: "month", name: "Tenant month" });
    const teamB = await f.budget({ scope: "team", mode: "hard", limitMicros: 50_000n, period: "month", teamId: f.team.id, name: "Payments month" });
    const runB = await f.budget({ scope: "run", mode: "hard", limitMicros: 80_000n, period: "run", name: "Per run" });
    const softB = await f.budget({ scope: "tenant", mode: "soft", limitMicros: 1n, period: "day", name: "Soft day" });
    const { runId, work } = await f.run();

    // Nothing yet: all three hard budgets are too small for 120,000; the team's has the least room.
    const r = await reserveCost(work, f.item(120_000n));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusal).toEqual({
      budgetId: teamB.id, budgetName: "Payments month", scope: "team", period: "month", periodKey: expect.stringMatching(/^\d{4}-\d{2}-01$/),
      limitMicros: 50_000n, spentMicros: 0n, reservedMicros: 0n, neededMicros: 120_000n, onExhausted: "fail",
    });
    expect(await db.costReservation.count({ where: { tenantId: f.tenantId } })).toBe(0);
    expect(await db.budgetPeriod.count({ where: { tenantId: f.tenantId } })).toBe(0);

    // With spend on the books, the budget with the least room left is named, with its spend.
    const a = await reserved(await reserveCost(work, f.item(45_000n)));
    await settleCost(a, null);
    const b = await reserved(await reserveCost(work, f.item(4_000n)));
    const before = await db.budgetPeriod.findMany({ where: { tenantId: f.tenantId }, orderBy: { id: "asc" } });
    const entriesBefore = await db.costEntry.count({ where: { tenantId: f.tenantId } });
    // 1,001 more passes the team's 50,000 by 1; the run budget (80,000) and the tenant's (100,000) have room.
    const over = await reserveCost(work, f.item(1_001n));
    expect(over.ok).toBe(false);
    if (over.ok) return;
    expect(over.refusal).toMatchObject({ budgetId: teamB.id, limitMicros: 50_000n, spentMicros: 45_000n, reservedMicros: 4_000n, neededMicros: 1_001n });
    expect(refusalMessage(over.refusal, "the next model request")).toBe(
      'the hard team budget "Payments month" has $0.0010 left of $0.05 ($0.05 spent, $0.0040 reserved); the next model request needs up to $0.001001',
    );
    expect(await db.budgetPeriod.findMany({ where: { tenantId: f.tenantId }, orderBy: { id: "asc" } })).toEqual(before);
    expect(await db.costReservation.count({ where: { tenantId: f.tenantId } })).toBe(2);
    expect(await db.costEntry.count({ where: { tenantId: f.tenantId } })).toBe(entriesBefore);
    // Exactly the room left fits.
    const exact = await reserved(await reserveCost(work, f.item(1_000n)));
    expect((await amounts(teamB.id)).map((x) => [x.spent, x.reserved])).toEqual([[45_000n, 5_000n]]);
    expect((await reserveCost(work, f.item(1n))).ok).toBe(false);
    // Another run of another team is not held back by this team's budget, nor by this run's.
    const other = await f.run({ other: true });
    expect((await reserveCost(other.work, f.item(50_000n))).ok).toBe(true);
    // The tenant's budget (100,000: 45,000 spent, 5,000 + 50,000 reserved) is now the one without room.
    const third = await f.run({ other: true });
    const t = await reserveCost(third.work, f.item(1n));
    expect(t.ok ? null : t.refusal.budgetId).toBe(tenantB.id);
    await releaseCost(b);
    await releaseCost(exact);
    expect((await amounts(runB.id)).find((p) => p.key === runId)).toMatchObject({ spent: 45_000n, reserved: 0n });
    // The soft budget, far past its limit, never refused anything.
    expect((await amounts(softB.id))[0]).toMatchObject({ spent: 45_000n });
  });

  it("a soft budget alone never refuses, however far past its limit", async () => {
    const f = await costFixture("cost-soft");
    const soft = await f.budget({ scope: "tenant", mode: "soft", limitMicros: 1_000n, period: "day" });
    const { work } = await f.run();
    for (let i = 0; i < 5; i++) {
      const id = await reserved(await reserveCost(work, f.item(5_000n)));
      await settleCost(id, null);
    }
    expect((await amounts(soft.id)).map((a) => [a.spent, a.reserved])).toEqual([[25_000n, 0n]]);
  });
});

describe("covering budgets", () => {
  it("tenant budgets cover all work; team budgets the runs of the team's repositories; campaign budgets the campaign's runs; run budgets each run; archived budgets nothing", async () => {
    const f = await costFixture("cost-covering");
    const otherCampaign = await db.campaign.create({ data: { tenantId: f.tenantId, name: "other", specYaml: "", spec: {}, ownerLabel: "test" } });
    const tenantB = await f.budget({ scope: "tenant", mode: "hard", limitMicros: 10_000_000n, period: "month" });
    const teamB = await f.budget({ scope: "team", mode: "hard", limitMicros: 10_000_000n, period: "day", teamId: f.team.id });
    const otherTeamB = await f.budget({ scope: "team", mode: "soft", limitMicros: 10_000_000n, period: "day", teamId: f.otherTeam.id });
    const campaignB = await f.budget({ scope: "campaign", mode: "hard", limitMicros: 10_000_000n, period: "campaign", campaignId: f.campaign.id });
    await f.budget({ scope: "campaign", mode: "hard", limitMicros: 0n, period: "campaign", campaignId: otherCampaign.id });
    const runB = await f.budget({ scope: "run", mode: "hard", limitMicros: 10_000_000n, period: "run" });
    // Counted per run: covers the work of runs only (work outside a run has no such period).
    const perRun = await f.budget({ scope: "tenant", mode: "soft", limitMicros: 10_000_000n, period: "run" });
    const archived = await f.budget({ scope: "tenant", mode: "hard", limitMicros: 0n, period: "day" });
    await db.budget.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
    // Another tenant's budgets cover nothing here.
    const stranger = await costFixture("cost-covering-other");
    await stranger.budget({ scope: "tenant", mode: "hard", limitMicros: 0n, period: "day" });

    const coveredBy = async (work: Parameters<typeof reserveCost>[0]) => {
      const r = await reserveCost(work, f.item(1n));
      if (!r.ok) throw new Error(`refused by ${r.refusal.budgetName}`);
      const res = await db.costReservation.findUniqueOrThrow({ where: { id: r.reservation.reservationId } });
      const periods = await db.budgetPeriod.findMany({ where: { id: { in: res.periodIds } }, select: { budgetId: true } });
      expect(periods).toHaveLength(res.periodIds.length);
      return new Set(periods.map((p) => p.budgetId));
    };
    const inCampaign = await f.run({ campaign: true });
    expect(await coveredBy(inCampaign.work)).toEqual(new Set([tenantB.id, teamB.id, campaignB.id, runB.id, perRun.id]));
    const otherTeamRun = await f.run({ other: true });
    expect(await coveredBy(otherTeamRun.work)).toEqual(new Set([tenantB.id, otherTeamB.id, runB.id, perRun.id]));
    expect(await coveredBy(f.tenantWork)).toEqual(new Set([tenantB.id]));
    // A repository without a team: no team budget.
    await db.repository.update({ where: { id: f.otherRepo.id }, data: { teamId: null } });
    expect(await coveredBy((await costWorkOfRun(db, otherTeamRun.runId))!)).toEqual(new Set([tenantB.id, runB.id, perRun.id]));
    // The team is the repository's, as it is now: the repository moved to the other team.
    await db.repository.update({ where: { id: f.repo.id }, data: { teamId: f.otherTeam.id } });
    expect(await coveredBy((await costWorkOfRun(db, inCampaign.runId))!)).toEqual(new Set([tenantB.id, otherTeamB.id, campaignB.id, runB.id, perRun.id]));
    // Each run has a period of its own in the run budget.
    expect((await periodsOf(runB.id)).map((p) => p.periodKey).sort()).toEqual([inCampaign.runId, otherTeamRun.runId].sort());
  });
});
