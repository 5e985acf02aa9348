// Prices through the real route handlers: a tenant admin adds the tenant's own versions, a
// platform admin the platform's; every bad version is a 422 naming the field with nothing saved
// (negative or absurd amounts, odd subjects, a date in the past or overlapping the latest
// version, another currency); the listing marks what is in force for the tenant; and
// priceInForce, which costs the work, agrees with it by effective date.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listRoute, POST as addRoute } from "@/app/api/v1/tenants/[tenant]/prices/route";
import { GET as getSettingsRoute, PUT as putSettingsRoute } from "@/app/api/v1/tenants/[tenant]/cost-settings/route";
import { db, disconnectDb } from "../db/client";
import { auditOfRequest, callRoute, tokenOf } from "../test/call-route";
import { createTestTenant } from "../test/create-tenant";
import { addPriceVersionRoute } from "../contracts/prices";
import { checkAlsoRequires } from "../http/check-also-requires";
import { addPerson, runAs, type TestTenant } from "../test/run-as";
import { addPriceVersion } from "./add-price-version";
import { ZAddPriceVersion } from "./price-input";
import { priceInForce } from "./price-in-force";
import type { PriceListView, PriceSubjectView, PriceVersionView } from "./price-view";

let tenant: TestTenant;
let other: TestTenant;
let admin: string;
let auditor: string;
let viewer: string;
let platformUser: string;
let otherAdmin: string;

const hex = () => randomBytes(4).toString("hex");
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
const HOUR = 3_600_000;

/**
 * A platform admin's request (API tokens hold tenant roles only, so it runs as the person's session
 * would): the route's further permission, then the operation, in one audited transaction.
 */
const addAsPlatformAdmin = async (body: Record<string, unknown>) => {
  const input = ZAddPriceVersion.parse(body);
  return runAs(platformUser, tenant, addPriceVersionRoute.id, async (ctx) => {
    await checkAlsoRequires(addPriceVersionRoute, ctx, { params: {}, query: undefined, body: input });
    return addPriceVersion(ctx, input);
  });
};
const add = (body: Record<string, unknown>, token = admin, t = tenant) => callRoute(addRoute, { token, tenant: t, path: "/prices", body });
const list = async (token = admin, t = tenant) => {
  const res = await callRoute(listRoute, { token, tenant: t, path: "/prices", method: "GET" });
  expect(res.status).toBe(200);
  return res.body as unknown as PriceListView;
};
const subjectIn = (l: PriceListView, kind: string, subject: string) => l.subjects.find((s) => s.kind === kind && s.subject === subject);
const model = (subject: string, extra: Record<string, unknown> = {}) => ({ kind: "model", subject, inputMicros: 2_000_000, outputMicros: 8_000_000, ...extra });
const issuePaths = (body: { error?: { details?: Record<string, unknown> } }) => (body.error?.details?.issues as { path: string }[] | undefined)?.map((i) => i.path);
const rowsOf = (subject: string) => db.price.count({ where: { subject } });

beforeAll(async () => {
  tenant = await createTestTenant("prices");
  other = await createTestTenant("prices-other");
  const a = await addPerson(tenant, ["tenant_admin"], "admin");
  const au = await addPerson(tenant, ["auditor"], "auditor");
  const v = await addPerson(tenant, ["viewer"], "viewer");
  const p = await addPerson(tenant, ["tenant_admin"], "platform-admin");
  await db.user.update({ where: { id: p.id }, data: { platformAdmin: true } });
  const oa = await addPerson(other, ["tenant_admin"], "other-admin");
  platformUser = p.id;
  [admin, auditor, viewer, otherAdmin] = await Promise.all([
    tokenOf(a, tenant, ["tenant_admin"]), tokenOf(au, tenant, ["auditor"]), tokenOf(v, tenant, ["viewer"]), tokenOf(oa, other, ["tenant_admin"]),
  ]);
});
afterAll(async () => {
  await disconnectDb();
});

describe("adding versions", () => {
  it("adds the tenant's own versions, numbered per subject, each audited in its request; the listing shows them with the currency", async () => {
    const subject = `acme-llm-${hex()}`;
    const first = await add(model(subject, { note: "launch price" }));
    expect(first.status).toBe(201);
    const price = first.body.price as PriceVersionView;
    expect(price).toMatchObject({ scope: "tenant", kind: "model", subject, version: 1, inputMicros: 2_000_000, outputMicros: 8_000_000, cachedMicros: 2_000_000, unitMicros: null, standing: "in_force", note: "launch price" });
    expect(price.text).toEqual({ input: "$2.00", output: "$8.00", cached: "$2.00", unit: null });
    expect(await auditOfRequest(first.requestId)).toEqual([["price.version.add", "success"]]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { requestId: first.requestId } });
    expect(event).toMatchObject({ resourceType: "price", resourceId: price.id, after: { scope: "tenant", subject, version: 1, inputMicros: 2_000_000 } });

    const later = await add(model(subject, { inputMicros: 75_000, cachedMicros: 7_500, effectiveFrom: inMs(HOUR) }));
    expect(later.status).toBe(201);
    expect(later.body.price).toMatchObject({ version: 2, standing: "scheduled", text: { input: "$0.075", cached: "$0.0075" } });

    const l = await list(auditor);
    expect(l.currency).toBe("USD");
    const s = subjectIn(l, "model", subject)!;
    expect(s.inForce).toMatchObject({ version: 1, scope: "tenant" });
    expect(s.versions.map((v) => [v.version, v.standing])).toEqual([[2, "scheduled"], [1, "in_force"]]);
  });

  it("prices a resource per unit", async () => {
    // The tenant's own sandbox price (the platform's is seeded), starting a little later than now.
    const res = await add({ kind: "resource", subject: "sandbox_second", unitMicros: 45, effectiveFrom: inMs(5_000), note: `test ${hex()}` });
    expect(res.status).toBe(201);
    expect(res.body.price).toMatchObject({ scope: "tenant", kind: "resource", subject: "sandbox_second", unitMicros: 45, inputMicros: null, cachedMicros: null, text: { unit: "$0.000045" } });
    const s = subjectIn(await list(), "resource", "sandbox_second")!;
    expect(s.versions.map((v) => [v.scope, v.standing])).toEqual([["tenant", "scheduled"], ["platform", "in_force"]]);
  });

  it("accepts an effective date given a few seconds ago (a form filled just now) and the platform's currency named", async () => {
    const subject = `recent-${hex()}`;
    const res = await add(model(subject, { effectiveFrom: inMs(-20_000), currency: "USD" }));
    expect(res.status).toBe(201);
    expect(res.body.price).toMatchObject({ standing: "in_force" });
  });

  it("serialises two additions at the same moment: one is saved, the other is told the dates overlap (never a 500)", async () => {
    const subject = `race-${hex()}`;
    const at = inMs(HOUR);
    const both = await Promise.all([add(model(subject, { effectiveFrom: at })), add(model(subject, { effectiveFrom: at }))]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(issuePaths(both.find((r) => r.status === 422)!.body)).toEqual(["body.effectiveFrom"]);
    expect(await rowsOf(subject)).toBe(1);
  });
});

describe("bad versions: 422 naming the field, nothing saved", () => {
  const refused = async (body: Record<string, unknown>, path: string, message?: RegExp) => {
    const res = await add(body);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(issuePaths(res.body)).toContain(path);
    if (message) expect(res.body.error!.message).toMatch(message);
    expect(await auditOfRequest(res.requestId)).toEqual([]);
    return res;
  };

  it("refuses negative and absurd amounts, saying the bound", async () => {
    const subject = `bad-${hex()}`;
    await refused(model(subject, { inputMicros: -1 }), "body.inputMicros", /must not be negative/);
    await refused(model(subject, { outputMicros: 1_000_000_000_001 }), "body.outputMicros", /at most 1000000000000 micro-units/);
    await refused(model(subject, { cachedMicros: 1.5 }), "body.cachedMicros", /whole micro-units/);
    await refused({ kind: "resource", subject: "verifier_minute", unitMicros: -20 }, "body.unitMicros");
    await refused({ kind: "resource", subject: "verifier_minute", unitMicros: 5e12 }, "body.unitMicros", /per unit/);
    expect(await rowsOf(subject)).toBe(0);
  });

  it("refuses an empty, too long or odd model name, an unknown resource, and amounts that do not fit the kind", async () => {
    await refused(model(""), "body.subject", /model name/);
    await refused(model(`m${"x".repeat(128)}`), "body.subject");
    for (const odd of ["gpt 4o", "gpt<4>", "-leading-dash", "naïve", "a\nb"]) await refused(model(odd), "body.subject");
    await refused({ kind: "resource", subject: "gpu_hour", unitMicros: 10 }, "body.subject", /sandbox_second or verifier_minute/);
    await refused({ kind: "model", subject: `m-${hex()}`, inputMicros: 1 }, "body.outputMicros");
    await refused({ kind: "model", subject: `m-${hex()}`, inputMicros: 1, outputMicros: 1, unitMicros: 1 }, "body.unitMicros");
    await refused({ kind: "resource", subject: "sandbox_second", unitMicros: 1, inputMicros: 1 }, "body.inputMicros");
    await refused({ kind: "resource", subject: "sandbox_second" }, "body.unitMicros");
    await refused({ kind: "tokens", subject: "x" }, "body.kind");
    await refused({ ...model(`m-${hex()}`), tenantId: other.id }, "body.tenantId");
  });

  it("refuses an effective date in the past", async () => {
    const subject = `past-${hex()}`;
    await refused(model(subject, { effectiveFrom: inMs(-2 * 60_000) }), "body.effectiveFrom", /in the past/);
    await refused(model(subject, { effectiveFrom: "yesterday" }), "body.effectiveFrom");
    expect(await rowsOf(subject)).toBe(0);
  });

  it("refuses overlapping effective dates, naming the latest version and its date; the same date twice is no 500", async () => {
    const subject = `overlap-${hex()}`;
    const at = inMs(2 * HOUR);
    expect((await add(model(subject, { effectiveFrom: at }))).status).toBe(201);
    const iso = new Date(at).toISOString();
    await refused(model(subject, { effectiveFrom: inMs(HOUR) }), "body.effectiveFrom", new RegExp(`overlapping effective dates: version 1 of this tenant's price of ${subject} takes effect at ${iso.replace(/\./g, "\\.")}`));
    await refused(model(subject, { effectiveFrom: at }), "body.effectiveFrom", /overlapping effective dates: version 1/);
    // Now (the default) is before the scheduled version too.
    await refused(model(subject), "body.effectiveFrom", /overlapping effective dates/);
    expect(await rowsOf(subject)).toBe(1);
    expect((await add(model(subject, { effectiveFrom: inMs(3 * HOUR) }))).body.price).toMatchObject({ version: 2 });
  });

  it("refuses amounts in another currency than the platform's", async () => {
    const subject = `eur-${hex()}`;
    await refused(model(subject, { currency: "EUR" }), "body.currency", /every amount in Fleetgate is in USD/);
    await refused(model(subject, { currency: "usd" }), "body.currency");
    expect(await rowsOf(subject)).toBe(0);
  });
});

describe("platform prices", () => {
  it("need price.platform: a tenant admin is refused (recorded as a denial), a platform admin adds one every tenant pays", async () => {
    const subject = `platform-${hex()}`;
    const refused = await add(model(subject, { scope: "platform" }));
    expect(refused.status).toBe(403);
    expect(refused.body.error!.message).toBe("missing permission price.platform: a platform price is what every tenant pays unless it has its own");
    expect(await auditOfRequest(refused.requestId)).toEqual([["price.version.add", "deny"]]);
    expect(await rowsOf(subject)).toBe(0);

    const made = await addAsPlatformAdmin(model(subject, { scope: "platform" }));
    expect(made.price).toMatchObject({ scope: "platform", version: 1, standing: "in_force" });
    expect(await db.price.findFirstOrThrow({ where: { subject } })).toMatchObject({ scope: "platform", tenantId: null });
    expect(await db.auditEvent.findMany({ where: { resourceId: made.price.id }, select: { tenantId: true, action: true, decision: true } }))
      .toEqual([{ tenantId: tenant.id, action: "price.version.add", decision: "success" }]);
    // Every tenant sees it, in force for them.
    expect(subjectIn(await list(otherAdmin, other), "model", subject)!.inForce).toMatchObject({ scope: "platform", version: 1 });
  });

  it("are numbered apart from the tenant's, and the tenant's own version in effect overrides them, even an older one", async () => {
    const subject = `override-${hex()}`;
    expect((await addAsPlatformAdmin(model(subject, { scope: "platform", inputMicros: 1_000_000 }))).price).toMatchObject({ scope: "platform", version: 1 });
    const own = await add(model(subject, { inputMicros: 900_000 }));
    expect(own.body.price).toMatchObject({ scope: "tenant", version: 1 });
    // A later platform version does not take over from the tenant's own.
    expect((await addAsPlatformAdmin(model(subject, { scope: "platform", inputMicros: 1_200_000, effectiveFrom: inMs(1_000) }))).price).toMatchObject({ version: 2 });
    await new Promise((r) => setTimeout(r, 1_100));

    const s = subjectIn(await list(), "model", subject)! as PriceSubjectView;
    expect(s.inForce).toMatchObject({ scope: "tenant", inputMicros: 900_000 });
    expect(s.versions.map((v) => [v.scope, v.version, v.standing])).toEqual([["platform", 2, "overridden"], ["tenant", 1, "in_force"], ["platform", 1, "superseded"]]);
    // The other tenant has no override: it pays the platform's newest.
    expect(subjectIn(await list(otherAdmin, other), "model", subject)!.inForce).toMatchObject({ scope: "platform", version: 2, inputMicros: 1_200_000 });
    expect(subjectIn(await list(otherAdmin, other), "model", subject)!.versions.every((v) => v.scope === "platform")).toBe(true);

    const costed = await priceInForce(db, tenant.id, "model", subject);
    expect(costed).toMatchObject({ ok: true, price: { id: s.inForce!.id, scope: tenant.id, inputMicros: 900_000n, defaulted: false } });
  });
});

describe("the price in force, by effective date (priceInForce)", () => {
  it("takes a version from its effective date on, never before", async () => {
    const subject = `dated-${hex()}`;
    const v1 = (await add(model(subject, { inputMicros: 1_000_000 }))).body.price as PriceVersionView;
    const v2 = (await add(model(subject, { inputMicros: 3_000_000, effectiveFrom: inMs(HOUR) }))).body.price as PriceVersionView;
    const at = (ms: number) => priceInForce(db, tenant.id, "model", subject, new Date(Date.now() + ms));
    expect(await at(0)).toMatchObject({ ok: true, price: { id: v1.id, version: 1, inputMicros: 1_000_000n } });
    expect(await at(HOUR - 60_000)).toMatchObject({ ok: true, price: { id: v1.id } });
    expect(await at(HOUR + 60_000)).toMatchObject({ ok: true, price: { id: v2.id, version: 2, inputMicros: 3_000_000n } });
    // Before any version of its own, the model has no price of its own: the default, marked so.
    expect(await at(-HOUR)).toMatchObject({ ok: true, price: { subject: "*", defaulted: true } });
  });

  it("costs a model without a price at the * default (the tenant's own before the platform's), marked defaulted; refuses it when the tenant says so", async () => {
    const unknown = `unknown-${hex()}`;
    const t = await createTestTenant("prices-star");
    const a = await addPerson(t, ["tenant_admin"], "star-admin");
    const token = await tokenOf(a, t, ["tenant_admin"]);
    expect(await priceInForce(db, t.id, "model", unknown)).toMatchObject({ ok: true, price: { scope: "platform", subject: "*", defaulted: true } });

    const star = await callRoute(addRoute, { token, tenant: t, path: "/prices", body: model("*", { inputMicros: 4_000_000, note: "our default" }) });
    expect(star.status).toBe(201);
    expect(await priceInForce(db, t.id, "model", unknown)).toMatchObject({ ok: true, price: { id: (star.body.price as PriceVersionView).id, scope: t.id, defaulted: true, inputMicros: 4_000_000n } });
    const l = await list(token, t);
    expect(l.subjects[0]).toMatchObject({ kind: "model", subject: "*", inForce: { scope: "tenant", inputMicros: 4_000_000 } });
    expect(l.unknownModel).toBe("default");

    const set = await callRoute(putSettingsRoute, { token, tenant: t, path: "/cost-settings", method: "PUT", body: { unknownModel: "refuse" } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ unknownModel: "refuse", currency: "USD" });
    expect(await auditOfRequest(set.requestId)).toEqual([["cost_settings.update", "success"]]);
    expect(await db.auditEvent.findFirstOrThrow({ where: { requestId: set.requestId } })).toMatchObject({ before: { unknownModel: "default" }, after: { unknownModel: "refuse" } });
    const refused = await priceInForce(db, t.id, "model", unknown);
    expect(refused).toEqual({ ok: false, message: `the model "${unknown}" has no price, and this tenant refuses models without one (Admin → Prices)` });
    // A model with a price of its own is still costed; other tenants still default.
    expect(await priceInForce(db, t.id, "model", "gpt-4o")).toMatchObject({ ok: true, price: { subject: "gpt-4o", defaulted: false } });
    expect(await priceInForce(db, tenant.id, "model", unknown)).toMatchObject({ ok: true, price: { defaulted: true } });
    expect((await list(token, t)).unknownModel).toBe("refuse");
  });
});

describe("cost settings", () => {
  it("default to costing unknown models at the default; anyone with cost.read reads them, only price.manage changes them", async () => {
    const t = await createTestTenant("prices-settings");
    const a = await addPerson(t, ["tenant_admin"], "settings-admin");
    const au = await addPerson(t, ["auditor"], "settings-auditor");
    const [token, auditorToken] = await Promise.all([tokenOf(a, t, ["tenant_admin"]), tokenOf(au, t, ["auditor"])]);
    const read = await callRoute(getSettingsRoute, { token: auditorToken, tenant: t, path: "/cost-settings", method: "GET" });
    expect(read).toMatchObject({ status: 200, body: { unknownModel: "default", currency: "USD", updatedByLabel: null, updatedAt: null } });
    const denied = await callRoute(putSettingsRoute, { token: auditorToken, tenant: t, path: "/cost-settings", method: "PUT", body: { unknownModel: "refuse" } });
    expect(denied.status).toBe(403);
    const bad = await callRoute(putSettingsRoute, { token, tenant: t, path: "/cost-settings", method: "PUT", body: { unknownModel: "zero" } });
    expect(bad.status).toBe(422);
    expect(issuePaths(bad.body)).toEqual(["body.unknownModel"]);
    expect(await db.tenantCostSettings.findUnique({ where: { tenantId: t.id } })).toBeNull();
  });
});

describe("who sees what", () => {
  it("lists prices for cost.read only; a tenant never sees another's own versions", async () => {
    expect((await callRoute(listRoute, { token: viewer, tenant, path: "/prices", method: "GET" })).status).toBe(403);
    const subject = `private-${hex()}`;
    expect((await add(model(subject))).status).toBe(201);
    expect(subjectIn(await list(auditor), "model", subject)).toBeDefined();
    expect(subjectIn(await list(otherAdmin, other), "model", subject)).toBeUndefined();
    // Nor can a tenant's token add to another tenant.
    expect((await add(model(`x-${hex()}`), otherAdmin, tenant)).status).toBe(404);
  });

  it("lets an auditor read but not add", async () => {
    const res = await add(model(`aud-${hex()}`), auditor);
    expect(res.status).toBe(403);
    expect(res.body.error!.message).toBe("missing permission price.manage");
  });
});
