// Campaigns against budgets: the preview, a launch and a promotion check the wave's estimated cost
// (the average of the tenant's finished runs of the class over 30 days, else the per-run budget,
// else none) against each tenant, team and campaign budget's room. A hard budget that cannot pay
// for the whole wave refuses the launch or a person's promotion with 409 and the sentence naming it
// and how many runs it can afford (nothing written), and pauses the campaign at the waves' check; a
// soft one warns.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { campaignFleet, fleetSpec, type Fleet } from "../test/campaign-fleet";
import { readContext } from "../core/read-context";
import { ownApprovalQueues, runAs, scopeAs, type TestPerson } from "../test/run-as";
import { finishWave } from "../test/wave-outcomes";
import { checkCampaignWaves } from "./check-campaign-waves";
import { createCampaign } from "./create-campaign";
import { launchCampaign } from "./launch-campaign";
import { previewCampaign } from "./preview-campaign";
import { promoteCampaign } from "./promote-campaign";
import { waveCost } from "./wave-cost";

ownApprovalQueues("campaign-budgets");

let f: Fleet;
const as = <T>(who: TestPerson, fn: Parameters<typeof runAs<T>>[3]) => runAs(who.id, f.tenant, "campaign-budgets", fn);
const draft = async () => (await as(f.owner, (ctx) => createCampaign(ctx, { spec: fleetSpec() as never }))).campaign.id;
const launch = (id: string) => as(f.owner, (ctx) => launchCampaign(ctx, id, {}));
const budget = (b: { name: string; scope: string; mode: string; limitMicros: bigint; period: string; campaignId?: string; teamId?: string }) =>
  db.budget.create({ data: { tenantId: f.tenant.id, createdByLabel: "test", ...b } });
const basis = (runs: number) => `at about $0.30 a run (the average of ${runs} docs_update runs finished in the last 30 days)`;
const BASIS = basis(3);
/** The wave's runs end as the worker would leave them, each having cost $0.30 (the class's average stays $0.30). */
const finishCosted = async (id: string, wave: number) => {
  await finishWave(id, wave);
  await db.run.updateMany({ where: { campaignId: id, finishedAt: { not: null } }, data: { costMicros: 300_000n } });
};

beforeAll(async () => {
  f = await campaignFleet("campaign-budgets");
  // The class's history: the fleet's failed docs_update run, and two more, $0.30 a run on average.
  await db.run.updateMany({ where: { tenantId: f.tenant.id, taskClass: "docs_update" }, data: { costMicros: 300_000n } });
  const task = await db.task.create({ data: { tenantId: f.tenant.id, repositoryId: f.repo["pay-docs"]!, taskClass: "docs_update", agentKind: "recipe", instruction: "x", autonomy: "dry_run_patch", requesterLabel: "test" } });
  for (const [cost, state] of [[200_000n, "succeeded"], [400_000n, "failed"]] as const) {
    await db.run.create({ data: { tenantId: f.tenant.id, taskId: task.id, repositoryId: task.repositoryId, taskClass: "docs_update", requesterLabel: "test", state, finishedAt: new Date(), costMicros: cost } });
  }
  // Older than 30 days, and cancelled: neither counts.
  await db.run.create({ data: { tenantId: f.tenant.id, taskId: task.id, repositoryId: task.repositoryId, taskClass: "docs_update", requesterLabel: "test", state: "succeeded", finishedAt: new Date(Date.now() - 31 * 86_400_000), costMicros: 9_000_000n } });
  await db.run.create({ data: { tenantId: f.tenant.id, taskId: task.id, repositoryId: task.repositoryId, taskClass: "docs_update", requesterLabel: "test", state: "cancelled", finishedAt: new Date(), costMicros: 0n } });
});

describe("the wave's cost", () => {
  it("is in the preview: the estimate from the class's history, and no budget yet", async () => {
    const preview = await previewCampaign(readContext(await scopeAs(f.owner.id, f.tenant)), { spec: fleetSpec() as never });
    expect(preview.cost).toMatchObject({
      wave: 0, runs: 2, currency: "USD", budgets: [], affordableRuns: null, refused: false, warnings: [],
      estimate: { perRunMicros: 300_000, source: "history", runs: 3, basis: BASIS },
      sentence: "no tenant, team or campaign budget covers the wave's 2 runs",
    });
  });

  it("falls back to the per-run budget's limit, else says there is no estimate", async () => {
    const w = { tenantId: f.tenant.id, campaignId: null, taskClass: "never_ran", wave: 0, repositoryIds: [f.repo["pay-api"]!, f.repo["web-app"]!] };
    const none = await db.$transaction((tx) => waveCost(tx, w));
    expect(none).toMatchObject({ estimate: { perRunMicros: null, source: "none" }, affordableRuns: null, refused: false });
    const perRun = await budget({ name: "Per run", scope: "run", mode: "hard", limitMicros: 1_000_000n, period: "run" });
    const tenantDay = await budget({ name: "Tight day", scope: "tenant", mode: "hard", limitMicros: 1_500_000n, period: "day" });
    try {
      const capped = await db.$transaction((tx) => waveCost(tx, w));
      expect(capped.estimate).toMatchObject({ perRunMicros: 1_000_000, source: "run_budget" });
      expect(capped).toMatchObject({ affordableRuns: 1, refused: true });
      expect(capped.sentence).toBe('the hard tenant budget "Tight day" has $1.50 left of $1.50: enough for 1 of the wave\'s 2 runs at up to $1.00 a run (the per-run budget "Per run"; no never_ran run finished in the last 30 days)');
      // Without an estimate the room is shown but not compared.
      await db.budget.update({ where: { id: perRun.id }, data: { archivedAt: new Date() } });
      const blind = await db.$transaction((tx) => waveCost(tx, w));
      expect(blind).toMatchObject({ refused: false, affordableRuns: null, budgets: [{ name: "Tight day", remainingMicros: 1_500_000, affordableRuns: null }] });
      expect(blind.sentence).toBe("no estimate: no never_ran run finished in the last 30 days and there is no per-run budget: the budgets' room is not compared with the wave's 2 runs");
    } finally {
      await db.budget.updateMany({ where: { id: { in: [perRun.id, tenantDay.id] } }, data: { archivedAt: new Date() } });
    }
  });
});

describe("a hard campaign budget", () => {
  let id: string;
  let capId: string;

  it("refuses a launch it cannot pay for, saying how many runs it can afford; nothing is written", async () => {
    id = await draft();
    capId = (await budget({ name: "Docs refresh", scope: "campaign", mode: "hard", limitMicros: 500_000n, period: "campaign", campaignId: id })).id;
    const before = await db.auditEvent.count({ where: { tenantId: f.tenant.id } });
    await expect(launch(id)).rejects.toMatchObject({
      code: "conflict",
      message: `the canary wave cannot be launched: the hard campaign budget "Docs refresh" has $0.50 left of $0.50: enough for 1 of the wave's 2 runs ${BASIS}`,
      details: { cost: { refused: true, affordableRuns: 1, budgets: [{ budgetId: capId, scope: "campaign", mode: "hard", runs: 2, affordableRuns: 1, remainingMicros: 500_000 }] } },
    });
    expect(await db.campaign.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "draft" });
    expect(await db.task.count({ where: { campaignId: id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { tenantId: f.tenant.id } })).toBe(before);
  });

  it("lets a launch it can pay for go, and the response says so", async () => {
    await db.budget.update({ where: { id: capId }, data: { limitMicros: 700_000n } });
    const { started, cost } = await launch(id);
    expect(started).toMatchObject({ canaryRuns: 2 });
    expect(cost).toMatchObject({ refused: false, affordableRuns: 2, warnings: [], sentence: `the budgets covering the wave can afford all of its 2 runs ${BASIS}` });
  });

  it("refuses a person's promotion of a wave it cannot pay for (409, nothing written), and the waves' check pauses the campaign saying why", async () => {
    await finishCosted(id, 0);
    const why = `wave 1 cannot be promoted: the hard campaign budget "Docs refresh" has $0.70 left of $0.70: enough for 2 of the wave's 3 runs ${basis(5)}`;
    await expect(as(f.owner, (ctx) => promoteCampaign(ctx, id, {}))).rejects.toMatchObject({ code: "conflict", message: why, details: { cost: { wave: 1, runs: 3, affordableRuns: 2 } } });
    expect((await db.campaign.findUniqueOrThrow({ where: { id }, include: { waves: { orderBy: { index: "asc" } } } })).waves.map((w) => w.state)).toEqual(["running", "pending", "pending"]);
    expect(await checkCampaignWaves(id)).toBe(`paused: ${why}`);
    expect(await db.campaign.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "paused", stateReason: why });
  });
});

describe("a soft tenant budget", () => {
  it("warns at launch, in the response and the campaign's stateReason, and the launch goes on", async () => {
    const soft = await budget({ name: "Tenant month", scope: "tenant", mode: "soft", limitMicros: 400_000n, period: "month" });
    try {
      const id = await draft();
      const { started, cost, campaign } = await launch(id);
      expect(started).toMatchObject({ canaryRuns: 2 });
      const warning = `the soft tenant budget "Tenant month" has $0.40 left of $0.40: enough for 1 of the wave's 2 runs ${basis(5)}`;
      expect(cost).toMatchObject({ refused: false, affordableRuns: 1, warnings: [warning] });
      expect(campaign.stateReason).toContain(`budget warning: ${warning}`);
    } finally {
      await db.budget.update({ where: { id: soft.id }, data: { archivedAt: new Date() } });
    }
  });
});
