// The cost API through its routes: each chart's CSV (headers, file name, exact decimals and the
// currency), a run's cost and the budgets it drew on, a campaign's spend against its budgets, 422s
// naming the parameter, 403 without cost.read, and 404 for another tenant's run, campaign or budget.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as campaignCost } from "@/app/api/v1/tenants/[tenant]/campaigns/[campaignId]/cost/route";
import { GET as dashboard } from "@/app/api/v1/tenants/[tenant]/cost/route";
import { GET as exportCsv } from "@/app/api/v1/tenants/[tenant]/cost/export/route";
import { GET as runCost } from "@/app/api/v1/tenants/[tenant]/runs/[runId]/cost/route";
import { callRoute, tokenOf } from "../test/call-route";
import { costFixture, foreignCost, type CostFixture } from "../test/cost-fixture";

let x: CostFixture;
let other: Awaited<ReturnType<typeof foreignCost>>;
let token: string;
const MARCH = { from: "2026-03-01", to: "2026-03-15" };

beforeAll(async () => {
  x = await costFixture("cost-api");
  other = await foreignCost("cost-api-other");
  token = await tokenOf(x.f.admin, x.f.tenant, ["tenant_admin"]);
});

const csv = (query: Record<string, string>) => callRoute(exportCsv, { token, tenant: x.f.tenant, method: "GET", path: "/cost/export", query });
const lines = (text: string) => text.split("\r\n").filter(Boolean);

describe("the cost CSV downloads", () => {
  it("give the spend chart's table with exact decimals, the currency and a file name", async () => {
    const res = await csv({ ...MARCH, table: "spend", groupBy: "team" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="cost-spend-by-team-${x.f.tenant.slug}-2026-03-01-to-2026-03-15.csv"`);
    const rows = lines(res.text);
    expect(rows[0]).toBe("day,group_by,key,label,amount,currency");
    expect(rows).toHaveLength(1 + 15 * 3);
    expect(rows).toContain(`2026-03-11,team,${x.teams.web},web,2.000003,USD`);
    expect(rows).toContain("2026-03-14,team,,(no team),0.123457,USD");
    const total = rows.slice(1).reduce((a, r) => a + BigInt(r.split(",")[4]!.replace(".", "")), 0n);
    expect(total).toBe(3_766_793n);
  });

  it("give the unit costs, top lists, per-run budgets and a burn-down", async () => {
    expect(lines((await csv({ ...MARCH, table: "unit-costs" })).text)).toEqual([
      "measure,count,total_amount,amount_per_item,currency",
      "runs finished in the range,3,3.756793,1.252264,USD",
      "succeeded runs,2,1.423457,0.711729,USD",
      "pull requests merged in the range,2,1.423457,0.711729,USD",
    ]);
    expect(lines((await csv({ ...MARCH, table: "top-teams" })).text)).toEqual([
      "rank,key,label,amount,share_percent,currency",
      `1,${x.teams.web},web,2.333336,61.94,USD`, `2,${x.teams.payments},payments,1.310000,34.78,USD`, "3,,(no team),0.123457,3.28,USD",
    ]);
    expect(lines((await csv({ ...MARCH, table: "top-runs" })).text).slice(0, 2)).toEqual([
      "rank,run_id,repository,task_class,state,finished_at,amount,currency", `1,${x.runs.r2},acme/web-app,refactor,failed,2026-03-12T11:00:00.000Z,2.333336,USD`,
    ]);
    expect(lines((await csv({ ...MARCH, table: "run-budgets" })).text)).toEqual([
      "budget_id,name,mode,limit_per_run,runs,stopped,waiting,currency", `${x.budgets.perRun},Per-run,hard,2.000000,2,1,1,USD`,
    ]);
    const burn = await csv({ table: "burndown", budget: x.budgets.monthly });
    expect(burn.status).toBe(200);
    expect(burn.headers.get("content-disposition")).toMatch(new RegExp(`filename="cost-burndown-${x.f.tenant.slug}-Monthly-\\d{4}-\\d{2}-01\\.csv"`));
    expect(lines(burn.text)[0]).toBe("day,spent_cumulative,projected_cumulative,limit,currency");
    expect(lines(burn.text)[1]).toMatch(/^\d{4}-\d{2}-01,\d+\.\d{6},(\d+\.\d{6})?,10\.000000,USD$/);
  });

  it("find no budget of another tenant, nor a per-run one, to burn down", async () => {
    for (const budget of [other.budgetId, x.budgets.perRun, x.budgets.archived]) expect((await csv({ table: "burndown", budget })).status).toBe(404);
    const foreign = await csv({ ...MARCH, table: "spend", campaign: other.campaignId });
    expect(lines(foreign.text)).toEqual(["day,group_by,key,label,amount,currency"]);
  });

  it("answer bad parameters with 422 naming them", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ table: "everything" }, "query.table"], [{ table: "burndown" }, "query.budget"], [{ range: "1y" }, "query.range"],
      [{ from: "2026-03-01" }, "query.to"], [{ from: "2026-03-10", to: "2026-03-01" }, "query.to"], [{ from: "2025-01-01", to: "2026-03-01" }, "query.from"],
      [{ from: "2026-02-30", to: "2026-03-01" }, "query.from"], [{ taskClass: "painting" }, "query.taskClass"], [{ model: "no spaces please" }, "query.model"],
      [{ groupBy: "colour" }, "query.groupBy"], [{ team: "Not A Slug" }, "query.team"], [{ campaign: "../x" }, "query.campaign"],
    ];
    for (const [query, path] of cases) {
      const res = await csv(query);
      expect([res.status, (res.body.error?.details?.issues as { path: string }[])[0]?.path], JSON.stringify(query)).toEqual([422, path]);
    }
    const unknown = await callRoute(dashboard, { token, tenant: x.f.tenant, method: "GET", path: "/cost", query: { colour: "red" } });
    expect(unknown.status).toBe(422);
  });

  it("need cost.read: a viewer is refused", async () => {
    const viewer = await tokenOf(x.f.viewer, x.f.tenant, ["viewer"]);
    const res = await callRoute(dashboard, { token: viewer, tenant: x.f.tenant, method: "GET", path: "/cost", query: {} });
    expect([res.status, res.body.error?.message]).toEqual([403, "missing permission cost.read"]);
    const ok = await callRoute(dashboard, { token, tenant: x.f.tenant, method: "GET", path: "/cost", query: MARCH });
    expect([ok.status, (ok.body.total as { costMicros: number }).costMicros]).toEqual([200, 3_766_793]);
  });
});

describe("a run's cost", () => {
  const get = (runId: string) => callRoute(runCost, { token, tenant: x.f.tenant, method: "GET", path: `/runs/${runId}/cost`, params: { runId } });

  it("splits by kind and model, says what was defaulted and settled at the reservation, and names its budgets", async () => {
    const r1 = (await get(x.runs.r1)).body;
    expect(r1).toMatchObject({
      costMicros: 1_300_000, defaulted: false, expired: { entries: 1, costMicros: 250_000 }, heldMicros: 0, budgetWait: null,
      byKind: [{ kind: "model", costMicros: 1_000_000, entries: 1, quantityMs: 0 }, { kind: "sandbox", costMicros: 250_000, entries: 1, quantityMs: 5000 }, { kind: "verifier", costMicros: 50_000, entries: 1, quantityMs: 3000 }],
      models: [{ model: "gpt-a", calls: 1, inputTokens: 1000, outputTokens: 200, cachedTokens: 0, costMicros: 1_000_000, defaulted: false }],
    });
    expect((r1.budgets as { name: string; spentMicros: number; periodKey: string }[]).map((b) => [b.name, b.periodKey, b.spentMicros])).toEqual([["Monthly", "2026-03-01", 3_700_000], ["Per-run", x.runs.r1, 1_300_000]]);
    const r2 = (await get(x.runs.r2)).body;
    expect(r2).toMatchObject({ costMicros: 2_333_336, defaulted: true, models: [{ model: "gpt-b", defaulted: true, costMicros: 2_000_003 }, { model: "gpt-a", defaulted: false }] });
  });

  it("says what a waiting run waits for, and what it holds", async () => {
    const r5 = (await get(x.runs.r5)).body;
    expect(r5).toMatchObject({
      heldMicros: 77_000,
      budgetWait: { budgetId: x.budgets.perRun, budgetName: "Per-run", scope: "run", limitMicros: 2_000_000, spentMicros: 10_000, reservedMicros: 0, neededMicros: 5_000_000, proposedLimitMicros: 7_000_000, what: "the next model request", approvalId: "apr_1" },
    });
  });

  it("is not found for another tenant's run", async () => {
    expect((await get(other.runId)).status).toBe(404);
  });
});

describe("a campaign's spend", () => {
  const get = (campaignId: string) => callRoute(campaignCost, { token, tenant: x.f.tenant, method: "GET", path: `/campaigns/${campaignId}/cost`, params: { campaignId } });

  it("is its runs' cost against its campaign budgets", async () => {
    expect((await get(x.campaignId)).body).toMatchObject({
      costMicros: 123_457, runs: 1, runsCosted: 1,
      budgets: [{ name: "Campaign life", periodKey: "life", limitMicros: 1_000_000, spentMicros: 123_457, percent: 12.3, mode: "hard" }],
    });
    expect((await get(other.campaignId)).status).toBe(404);
  });
});
