// Budgets through the real route handlers: a tenant admin creates, changes and archives budgets
// (each change audited, and the budget's history shows them newest first); every rule between
// scope, target, period, mode, limit and thresholds is a 422 naming the field with nothing saved;
// a name in use is a 409 on the name; the list shows each budget's current period from the period
// rows reservations keep (nothing spent when there is none), computed as the reservation SQL
// computes it; another tenant's budget answers as a missing one.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/tenants/[tenant]/budgets/route";
import { GET as getRoute, PATCH as updateRoute } from "@/app/api/v1/tenants/[tenant]/budgets/[budgetId]/route";
import { POST as archiveRoute } from "@/app/api/v1/tenants/[tenant]/budgets/[budgetId]/archive/route";
import { db, disconnectDb } from "../db/client";
import { auditOfRequest, callRoute, tokenOf } from "../test/call-route";
import { createTestTenant } from "../test/create-tenant";
import { addPerson, type TestTenant } from "../test/run-as";
import { periodOf } from "./budget-periods";
import type { BudgetView } from "./budget-schema";
import { currentPeriod } from "./current-period";
import type { BudgetDetailView } from "./budget-schema";

let tenant: TestTenant;
let other: TestTenant;
let admin: string;
let auditor: string;
let viewer: string;
let otherAdmin: string;
let teamId: string;
let campaignId: string;
let foreignTeamId: string;
let foreignCampaignId: string;

const hex = () => randomBytes(4).toString("hex");
const BASE = { scope: "tenant", mode: "soft", period: "month", limitMicros: 100_000_000 };
const create = (body: Record<string, unknown>, token = admin, t = tenant) => callRoute(createRoute, { token, tenant: t, path: "/budgets", body });
const one = (id: string, rest = "") => ({ path: `/budgets/${id}${rest}`, params: { budgetId: id } });
const update = (id: string, body: Record<string, unknown>, token = admin, t = tenant) => callRoute(updateRoute, { token, tenant: t, ...one(id), method: "PATCH", body });
const archive = (id: string, token = admin, t = tenant) => callRoute(archiveRoute, { token, tenant: t, ...one(id, "/archive") });
const get = (id: string, token = admin, t = tenant) => callRoute(getRoute, { token, tenant: t, ...one(id), method: "GET" });
const list = async (token = admin, t = tenant) => {
  const res = await callRoute(listRoute, { token, tenant: t, path: "/budgets", method: "GET" });
  expect(res.status).toBe(200);
  return res.body.budgets as BudgetView[];
};
const issuePaths = (body: { error?: { details?: Record<string, unknown> } }) => (body.error?.details?.issues as { path: string }[] | undefined)?.map((i) => i.path);
const made = async (body: Record<string, unknown>) => {
  const res = await create({ ...BASE, name: `budget ${hex()}`, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as unknown as BudgetView;
};

async function newCampaign(t: TestTenant) {
  const c = await db.campaign.create({ data: { tenantId: t.id, name: `campaign-${hex()}`, specYaml: "", spec: {}, ownerLabel: "test" } });
  return c.id;
}

beforeAll(async () => {
  tenant = await createTestTenant("budgets");
  other = await createTestTenant("budgets-other");
  const [a, au, v, oa] = await Promise.all([
    addPerson(tenant, ["tenant_admin"], "admin"), addPerson(tenant, ["auditor"], "auditor"), addPerson(tenant, ["viewer"], "viewer"), addPerson(other, ["tenant_admin"], "other-admin"),
  ]);
  [admin, auditor, viewer, otherAdmin] = await Promise.all([tokenOf(a, tenant, ["tenant_admin"]), tokenOf(au, tenant, ["auditor"]), tokenOf(v, tenant, ["viewer"]), tokenOf(oa, other, ["tenant_admin"])]);
  teamId = (await db.team.create({ data: { tenantId: tenant.id, slug: "platform", name: "Platform team" } })).id;
  foreignTeamId = (await db.team.create({ data: { tenantId: other.id, slug: "platform", name: "Their team" } })).id;
  campaignId = await newCampaign(tenant);
  foreignCampaignId = await newCampaign(other);
});
afterAll(async () => {
  await disconnectDb();
});

describe("creating budgets", () => {
  it("creates a tenant budget with its thresholds sorted, audited in its request, with nothing spent in its current period", async () => {
    const res = await create({ ...BASE, name: "Monthly agents", thresholds: [100, 50, 80] });
    expect(res.status).toBe(201);
    const b = res.body as unknown as BudgetView;
    const month = currentPeriod("month", new Date())!;
    expect(b).toMatchObject({
      name: "Monthly agents", scope: "tenant", team: null, campaign: null, mode: "soft", period: "month", limitMicros: 100_000_000, limitText: "$100.00",
      currency: "USD", thresholds: [50, 80, 100], onExhausted: null, archivedAt: null,
      current: { periodKey: month.key, startsAt: month.startsAt!.toISOString(), endsAt: month.endsAt!.toISOString(), spentMicros: 0, reservedMicros: 0, remainingMicros: 100_000_000, percent: 0 },
    });
    expect(await auditOfRequest(res.requestId)).toEqual([["budget.create", "success"]]);
    expect(await db.auditEvent.findFirstOrThrow({ where: { requestId: res.requestId } })).toMatchObject({
      resourceType: "budget", resourceId: b.id, after: { name: "Monthly agents", scope: "tenant", mode: "soft", limitMicros: 100_000_000, period: "month", thresholds: [50, 80, 100] },
    });
  });

  it("creates team, campaign and run budgets naming their targets; a hard one says what happens when it is exhausted", async () => {
    expect(await made({ scope: "team", teamId, period: "week" })).toMatchObject({ scope: "team", team: { id: teamId, name: "Platform team" }, period: "week" });
    expect(await made({ scope: "campaign", campaignId, period: "campaign", mode: "hard" })).toMatchObject({ scope: "campaign", campaign: { id: campaignId }, onExhausted: "fail", current: { periodKey: "life", spentMicros: 0, startsAt: null, endsAt: null } });
    expect(await made({ scope: "campaign", campaignId, period: "day" })).toMatchObject({ period: "day" });
    expect(await made({ scope: "run", period: "run", mode: "hard", onExhausted: "approval", thresholds: [] })).toMatchObject({ scope: "run", onExhausted: "approval", thresholds: [], current: null });
  });
});

describe("bad budgets: 422 naming the field, nothing saved", () => {
  const refused = async (body: Record<string, unknown>, path: string, message?: RegExp, status = 422) => {
    const name = `refused ${hex()}`;
    const res = await create({ name, ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(issuePaths(res.body)).toContain(path);
    if (message) expect(res.body.error!.message).toMatch(message);
    expect(await db.budget.count({ where: { name } })).toBe(0);
    expect(await auditOfRequest(res.requestId)).toEqual([]);
  };

  it("needs a known scope", async () => {
    const { scope: _none, ...noScope } = BASE;
    await refused(noScope, "body.scope", /choose a scope: tenant, team, campaign or run/);
    await refused({ ...BASE, scope: "organisation" }, "body.scope", /choose a scope/);
  });

  it("needs a team or campaign of this tenant for those scopes, and none for the others", async () => {
    await refused({ ...BASE, scope: "team" }, "body.teamId", /a team budget names its team/);
    await refused({ ...BASE, scope: "team", teamId: foreignTeamId }, "body.teamId", /names no team of this tenant/);
    await refused({ ...BASE, scope: "team", teamId: "no-such-team" }, "body.teamId");
    await refused({ ...BASE, scope: "campaign", period: "campaign" }, "body.campaignId", /a campaign budget names its campaign/);
    await refused({ ...BASE, scope: "campaign", period: "campaign", campaignId: foreignCampaignId }, "body.campaignId", /names no campaign of this tenant/);
    await refused({ ...BASE, teamId }, "body.teamId", /only a team budget names a team \(this is a tenant budget\)/);
    await refused({ ...BASE, scope: "team", teamId, campaignId }, "body.campaignId", /only a campaign budget names a campaign/);
    await refused({ ...BASE, scope: "run", period: "run", campaignId }, "body.campaignId");
  });

  it("needs a period that fits the scope", async () => {
    await refused({ ...BASE, scope: "run", period: "month" }, "body.period", /a run budget's period is run/);
    await refused({ ...BASE, period: "run" }, "body.period", /run is for run budgets/);
    await refused({ ...BASE, period: "campaign" }, "body.period", /campaign is for campaign budgets/);
    await refused({ ...BASE, scope: "team", teamId, period: "campaign" }, "body.period", /day, week, month/);
    await refused({ ...BASE, scope: "campaign", campaignId, period: "run" }, "body.period", /campaign, day, week, month/);
    await refused({ ...BASE, period: "fortnight" }, "body.period");
  });

  it("needs a limit above zero and bounded", async () => {
    await refused({ ...BASE, limitMicros: 0 }, "body.limitMicros", /more than zero/);
    await refused({ ...BASE, limitMicros: -5_000_000 }, "body.limitMicros", /more than zero/);
    await refused({ ...BASE, limitMicros: 1e16 }, "body.limitMicros", /at most/);
    await refused({ ...BASE, limitMicros: 1.5 }, "body.limitMicros", /whole micro-units/);
  });

  it("needs thresholds that are whole percents from 1 to 100, each once, at most ten", async () => {
    await refused({ ...BASE, thresholds: [0] }, "body.thresholds.0", /thresholds\[0\] is 0/);
    await refused({ ...BASE, thresholds: [50, -10] }, "body.thresholds.1", /thresholds\[1\] is -10: each threshold is a whole percent of the limit from 1 to 100/);
    await refused({ ...BASE, thresholds: [101] }, "body.thresholds.0");
    await refused({ ...BASE, thresholds: [12.5] }, "body.thresholds.0");
    await refused({ ...BASE, thresholds: [80, 50, 80] }, "body.thresholds.2", /thresholds\[2\] \(80 %\) is given twice/);
    await refused({ ...BASE, thresholds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }, "body.thresholds", /at most 10 thresholds/);
    await refused({ ...BASE, thresholds: ["50"] }, "body.thresholds.0");
  });

  it("needs soft or hard, and onExhausted only for a hard budget", async () => {
    await refused({ ...BASE, mode: "medium" }, "body.mode", /soft \(alerts only\) or hard/);
    await refused({ ...BASE, onExhausted: "approval" }, "body.onExhausted", /onExhausted is for hard budgets/);
    await refused({ ...BASE, mode: "hard", onExhausted: "pause" }, "body.onExhausted");
  });

  it("needs the platform's currency, a name, and no unknown field", async () => {
    await refused({ ...BASE, currency: "EUR" }, "body.currency", /is EUR, but every amount in Fleetgate is in USD/);
    await refused({ ...BASE, name: "   " }, "body.name");
    await refused({ ...BASE, tenantId: other.id }, "body.tenantId");
  });

  it("needs a name of its own in the tenant: 409 on the name (archived budgets' names included); another tenant may use it", async () => {
    const name = `Unique ${hex()}`;
    expect((await create({ ...BASE, name })).status).toBe(201);
    const again = await create({ ...BASE, name, mode: "hard" });
    expect(again.status).toBe(409);
    expect(issuePaths(again.body)).toEqual(["body.name"]);
    expect(await db.budget.count({ where: { tenantId: tenant.id, name } })).toBe(1);
    expect((await create({ ...BASE, name }, otherAdmin, other)).status).toBe(201);
  });
});

describe("changing and archiving", () => {
  it("changes limit, thresholds, mode and name, archives, and shows the history newest first with who changed what", async () => {
    const b = await made({ name: `Change me ${hex()}` });
    const changed = await update(b.id, { limitMicros: 250_000_000, thresholds: [90, 75], mode: "hard", onExhausted: "approval" });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ limitMicros: 250_000_000, limitText: "$250.00", thresholds: [75, 90], mode: "hard", onExhausted: "approval" });
    expect(await auditOfRequest(changed.requestId)).toEqual([["budget.update", "success"]]);
    expect(await db.auditEvent.findFirstOrThrow({ where: { requestId: changed.requestId } })).toMatchObject({
      before: { name: b.name, limitMicros: 100_000_000, thresholds: [50, 80, 100], mode: "soft", onExhausted: "fail" },
      after: { name: b.name, limitMicros: 250_000_000, thresholds: [75, 90], mode: "hard", onExhausted: "approval" },
    });
    const renamed = await update(b.id, { name: `${b.name} (renamed)` });
    expect(renamed.body).toMatchObject({ name: `${b.name} (renamed)`, limitMicros: 250_000_000 });

    const gone = await archive(b.id);
    expect(gone.status).toBe(200);
    expect(gone.body.archivedAt).toEqual(expect.any(String));
    expect(await auditOfRequest(gone.requestId)).toEqual([["budget.archive", "success"]]);

    const detail = (await get(b.id, auditor)).body as unknown as BudgetDetailView;
    expect(detail.history.map((h) => h.action)).toEqual(["budget.archive", "budget.update", "budget.update", "budget.create"]);
    // Who: the admin's token, as every change here was made with it.
    expect(new Set(detail.history.map((h) => h.actorLabel)).size).toBe(1);
    expect(detail.history[0]!.actorLabel).toMatch(/^token:test-/);
    expect(detail.history[2]).toMatchObject({ before: { limitMicros: 100_000_000 }, after: { limitMicros: 250_000_000 } });
    expect(detail.history.map((h) => h.seq)).toEqual([...detail.history.map((h) => h.seq)].sort((x, y) => y - x));

    // Archived: no further change, no second archive.
    expect((await update(b.id, { limitMicros: 1 })).status).toBe(409);
    expect((await archive(b.id)).status).toBe(409);
    // Listed after the active ones.
    const all = await list();
    expect(all.findIndex((x) => x.id === b.id)).toBeGreaterThan(all.findIndex((x) => x.archivedAt === null));
  });

  it("refuses bad changes naming the field, and leaves the budget as it was", async () => {
    const b = await made({ name: `Keep me ${hex()}` });
    const taken = await made({ name: `Taken ${hex()}` });
    const before = await db.budget.findUniqueOrThrow({ where: { id: b.id } });
    const cases: [Record<string, unknown>, string, number][] = [
      [{ onExhausted: "approval" }, "body.onExhausted", 422],
      [{ thresholds: [0, 50] }, "body.thresholds.0", 422],
      [{ limitMicros: 0 }, "body.limitMicros", 422],
      [{ scope: "team" }, "body.scope", 422],
      [{ period: "day" }, "body.period", 422],
      [{ currency: "GBP", limitMicros: 5 }, "body.currency", 422],
      [{ name: taken.name }, "body.name", 409],
      [{}, "body", 422],
    ];
    for (const [body, path, status] of cases) {
      const res = await update(b.id, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(issuePaths(res.body), JSON.stringify(body)).toContain(path);
      expect(await auditOfRequest(res.requestId)).toEqual([]);
    }
    expect(await db.budget.findUniqueOrThrow({ where: { id: b.id } })).toEqual(before);
  });
});

describe("the current period", () => {
  it("reads the period row reservations keep: spent, reserved, remaining and percent", async () => {
    const b = await made({ name: `Spending ${hex()}`, limitMicros: 80_000_000, period: "day" });
    const day = currentPeriod("day", new Date())!;
    await db.budgetPeriod.create({ data: { tenantId: tenant.id, budgetId: b.id, periodKey: day.key, startsAt: day.startsAt!, endsAt: day.endsAt, spentMicros: 30_000_000n, reservedMicros: 10_000_000n } });
    // An earlier period's row is history, not the current period.
    await db.budgetPeriod.create({ data: { tenantId: tenant.id, budgetId: b.id, periodKey: "2026-01-01", startsAt: new Date("2026-01-01T00:00:00Z"), endsAt: new Date("2026-01-02T00:00:00Z"), spentMicros: 90_000_000n } });
    const listed = (await list(auditor)).find((x) => x.id === b.id)!;
    expect(listed.current).toMatchObject({ periodKey: day.key, spentMicros: 30_000_000, reservedMicros: 10_000_000, remainingMicros: 40_000_000, percent: 37.5, text: { spent: "$30.00", reserved: "$10.00", remaining: "$40.00" } });
    const detail = (await get(b.id)).body as unknown as BudgetDetailView;
    expect(detail.periods.map((p) => [p.periodKey, p.spentMicros, p.percent])).toEqual([[day.key, 30_000_000, 37.5], ["2026-01-01", 90_000_000, 112.5]]);
    expect(detail.periods[1]!.remainingMicros).toBe(0);
  });

  it("is the period the reservation SQL opens, for every kind of period and moment", async () => {
    const kinds = ["day", "week", "month"] as const;
    const budgets = await Promise.all(kinds.map((period) => made({ name: `Window ${period} ${hex()}`, period })));
    const campaign = await made({ scope: "campaign", campaignId, period: "campaign" });
    const moments = ["2026-12-31T23:59:59.999Z", "2027-01-01T00:00:00Z", "2026-12-07T00:00:00Z", "2026-12-06T23:30:00Z", "2028-02-29T12:00:00Z", "2027-03-28T01:30:00Z"].map((s) => new Date(s));
    for (const at of moments) {
      for (const [i, period] of kinds.entries()) {
        const p = periodOf(at, null);
        const [sql] = await db.$queryRaw<{ key: string; startsAt: Date; endsAt: Date }[]>`SELECT ${p.key} AS key, ${p.startsAt} AS "startsAt", ${p.endsAt} AS "endsAt" FROM "Budget" b WHERE b.id = ${budgets[i]!.id}`;
        const js = currentPeriod(period, at)!;
        expect({ key: js.key, startsAt: js.startsAt, endsAt: js.endsAt }, `${period} at ${at.toISOString()}`).toEqual({ key: sql!.key, startsAt: sql!.startsAt, endsAt: sql!.endsAt });
      }
      const [life] = await db.$queryRaw<{ key: string }[]>`SELECT ${periodOf(at, null).key} AS key FROM "Budget" b WHERE b.id = ${campaign.id}`;
      expect(life!.key).toBe(currentPeriod("campaign", at)!.key);
    }
  });
});

describe("who may do what, and isolation", () => {
  it("lets cost.read list and read, and only budget.manage change", async () => {
    const b = await made({ name: `Rights ${hex()}` });
    expect((await list(auditor)).some((x) => x.id === b.id)).toBe(true);
    expect((await callRoute(listRoute, { token: viewer, tenant, path: "/budgets", method: "GET" })).status).toBe(403);
    const denied = await create({ ...BASE, name: `Auditor's ${hex()}` }, auditor);
    expect(denied.status).toBe(403);
    expect(await auditOfRequest(denied.requestId)).toEqual([["budget.create", "deny"]]);
    expect((await update(b.id, { limitMicros: 5 }, auditor)).status).toBe(403);
    expect((await archive(b.id, auditor)).status).toBe(403);
  });

  it("answers another tenant's budget as a missing one, and leaves it as it was", async () => {
    const theirs = (await create({ ...BASE, name: `Theirs ${hex()}` }, otherAdmin, other)).body as unknown as BudgetView;
    const before = await db.budget.findUniqueOrThrow({ where: { id: theirs.id } });
    for (const res of [await get(theirs.id), await update(theirs.id, { limitMicros: 1 }), await archive(theirs.id)]) {
      expect(res.status).toBe(404);
      expect(res.body.error!.message).toBe("budget not found");
      expect(await auditOfRequest(res.requestId)).toEqual([]);
    }
    expect(await db.budget.findUniqueOrThrow({ where: { id: theirs.id } })).toEqual(before);
    expect((await list()).some((x) => x.id === theirs.id)).toBe(false);
    expect((await get("no-such-budget")).status).toBe(404);
  });
});
