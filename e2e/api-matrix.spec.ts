// The authorization matrix, generated: every route contract (server/contracts/routes.ts) x every caller
// (each tenant role of acme, the platform admin, the two-tenant consultant, two API tokens,
// anonymous) x {own tenant acme, foreign tenant globex}. The expected status is computed from the
// permission registry, never written down per case:
//   anonymous -> 401; a tenant that is not the caller's -> 404; missing permission -> 403 naming it;
//   then the domain rules the fixtures reach (DOMAIN_RULES: who may vote on, withdraw or see an
//   approval request; tokens never mint tokens); otherwise the route's success status.
// The further permissions some requests need (a contract's alsoRequires) get a request that needs
// them, made as every caller, and the same expectations: 403 naming the permission for who lacks it.
// Every refused mutation must leave its target row exactly as it was, and audit exactly what the
// design says: a denial in one's own tenant is recorded, a 401/404 leaves no trace.
import { ROUTES } from "../server/contracts/routes";
import { PERMISSIONS } from "../server/authz/permissions";
import { isMutation, type RouteContract } from "../server/http/define-route";
import { PLATFORM_ADMIN, TENANTS } from "./fixtures";
import { call, expect, unique } from "./support/api";
import { CONDITIONAL_TRIGGERS, objectParams, rowsNamed, validBody } from "./support/route-fixtures";
import { auditEventsOfRequest, snapshotRow, sql } from "./support/db";
import { CALLERS, createdRows, expectOutcome, grantedTo, test, toCaller, type MatrixCaller } from "./support/matrix-callers";
import { expectationFor, type Expectation } from "./support/matrix-expectations";

// The matrix trusts each contract's permission, so hold the contracts to the registry: a read
// route needs a read permission and a mutation a mutating one (a DELETE guarded by "*.read" would
// otherwise pass the matrix), and ids and method+path pairs are unique.
test("every route's permission matches what the route does", () => {
  const wrong = ROUTES.filter((r) => PERMISSIONS[r.permission].mutates !== isMutation(r)).map((r) => `${r.id}: ${r.method} needs ${r.permission}`);
  expect(wrong).toEqual([]);
  expect(new Set(ROUTES.map((r) => r.id)).size).toBe(ROUTES.length);
  expect(new Set(ROUTES.map((r) => `${r.method} ${r.path}`)).size).toBe(ROUTES.length);
  for (const r of ROUTES) expect(r.path.startsWith("/api/v1/tenants/{tenant}"), r.path).toBe(true);
});

// Activation requests are decided by someone other than who asked and who wrote the version, so
// the fixtures' author must be none of the callers for the matrix's expectations to hold.
test("policy fixtures are written and requested by none of the callers", async ({ factory }) => {
  const callers = CALLERS.flatMap((c) => (c.kind === "persona" ? [c.persona.email] : []));
  for (const tenant of TENANTS) expect(callers).not.toContain((await factory.policyAuthor(tenant)).email);
});

for (const route of ROUTES) {
  const params = objectParams(route);
  const mutation = isMutation(route);
  // A POST on the collection that answers 201 makes a new row (marking notifications read does not).
  const isCreate = mutation && route.method === "POST" && params.length === 0 && route.status === 201;
  test.describe(`${route.method} ${route.path} [${route.id}, needs ${route.permission}]`, () => {
    for (const tenant of TENANTS) {
      for (const c of CALLERS) {
        const exp = expectationFor(c, tenant, route);
        test(`${c.label} in ${tenant} -> ${exp.status}`, async ({ as, factory, matrixTokens }) => {
          const values: Record<string, string | number> = { tenant };
          for (const p of params) values[p] = await factory.objectFor(p, tenant, values);
          const target = rowsNamed(route, values)[0];
          const before = target ? await snapshotRow(target.kind, target.id) : null;
          if (target) expect(before, `fixture ${target.kind} ${target.id}`).not.toBeNull();
          const body = await validBody(route, values, { factory });
          const requestId = `e2e-${unique()}`;

          const caller = toCaller(c, matrixTokens);
          const res = await call(await as(caller), route, { values, body, query: route.example?.query, requestId });
          const answer = await expectOutcome(res, exp);
          if (answer && isCreate && route.tag === "webhooks") factory.forgetWebhook(String(answer.id));
          // A paused scheduler holds every queued run of the tenant: resume at once (other specs run there).
          if (answer && route.id === "scheduler.pause") await sql(`DELETE FROM "SchedulerPause" WHERE scope = (SELECT id FROM "Tenant" WHERE slug = $1)`, [tenant]);

          const refused = exp.status >= 400;
          const after = target ? await snapshotRow(target.kind, target.id) : null;
          if (target && (refused || !mutation)) expect(after, `${target.kind} ${target.id} must be unchanged`).toEqual(before);
          if (target && mutation && !refused) expect(after, `${route.id} must change ${target.kind} ${target.id}`).not.toEqual(before);
          if (isCreate) expect(await createdRows(route, body!), refused ? "a refused create must create nothing" : "the created row").toBe(refused ? 0 : 1);

          // What the audit trail holds for this very request.
          const events = await auditEventsOfRequest(requestId);
          const rbacDenial = exp.status === 403 && typeof exp.message === "string" && exp.message.startsWith("missing permission");
          if (rbacDenial && mutation) {
            expect(events.map((e) => [e.action, e.decision, e.tenant])).toEqual([[route.id, "deny", tenant]]);
          } else if (exp.status === 403 && !rbacDenial) {
            // A refusal by a domain rule (tokens never mint tokens) rolls back the operation's work;
            // the denial itself is kept, as for a missing permission.
            expect(events.map((e) => [e.action, e.decision, e.tenant])).toEqual(mutation ? [[route.id, "deny", tenant]] : []);
          } else if (refused || !mutation) {
            expect(events, "no audit event for a read or for a refusal outside the caller's reach").toEqual([]);
          } else {
            expect(events.length).toBeGreaterThan(0);
            expect(events.every((e) => e.tenant === tenant && e.decision === "success")).toBe(true);
            expect(events.map((e) => e.action)).toContain(route.id);
            // The event names the object acted on: one of the rows the path names (a redelivery names the delivery).
            const named = rowsNamed(route, values).map((r) => r.id);
            if (named.length) expect(events.map((e) => e.resourceId).filter((id) => named.includes(id ?? "")), `an event about one of ${named.join(", ")}`).not.toEqual([]);
          }
        });
      }
    }
  });
}

// Further permissions some requests need (a contract's alsoRequires: a global kill switch, the global
// scheduler, a platform policy, a password for a new account): every caller makes such a request;
// whoever passes the route's own permission but lacks the further one gets 403 naming it, recorded
// as a denial, with nothing changed; outsiders get 404; its holder goes on (CONDITIONAL_TRIGGERS
// says to what).
const CONDITIONAL = ROUTES.flatMap((route) => (route.alsoRequires ?? []).map((need) => ({ route, need })));

function conditionalExpectation(c: MatrixCaller, tenant: string, route: RouteContract, need: (typeof CONDITIONAL)[number]["need"]): Expectation {
  const exp = expectationFor(c, tenant, route);
  if (exp.status === 401 || exp.status === 404 || exp.message === `missing permission ${route.permission}`) return exp;
  if (!grantedTo(c, tenant)!.has(need.permission)) return { status: 403, message: `missing permission ${need.permission}: ${need.because}` };
  return CONDITIONAL_TRIGGERS[route.id]?.holder ?? { status: route.status ?? 200 };
}

test("every conditional permission has a request that needs it", () => {
  expect(CONDITIONAL.length).toBeGreaterThan(0);
  for (const { route } of CONDITIONAL) expect(CONDITIONAL_TRIGGERS[route.id], `${route.id}: add it to CONDITIONAL_TRIGGERS in e2e/support/route-fixtures.ts`).toBeDefined();
});

for (const { route, need } of CONDITIONAL) {
  const params = objectParams(route);
  test.describe(`${route.method} ${route.path} [${route.id}] when it needs ${need.permission}`, () => {
    // The holder's global switch would answer a second holder's at once with 409 (already set).
    if (route.id === "killswitch.set") test.describe.configure({ mode: "serial" });
    for (const tenant of TENANTS) {
      for (const c of CALLERS) {
        const exp = conditionalExpectation(c, tenant, route, need);
        test(`${c.label} in ${tenant} -> ${exp.status}`, async ({ as, factory, matrixTokens }) => {
          const u = unique();
          const trigger = await CONDITIONAL_TRIGGERS[route.id]!.make(u);
          const values: Record<string, string | number> = { tenant, ...trigger.values };
          for (const p of params) values[p] ??= await factory.objectFor(p, tenant, values);
          const body = trigger.body ?? (await validBody(route, values, { u, factory }));
          const target = rowsNamed(route, values)[0];
          const before = target ? await snapshotRow(target.kind, target.id) : null;
          const requestId = `e2e-${unique()}`;
          const res = await call(await as(toCaller(c, matrixTokens)), route, { values, body, requestId });
          const answer = await expectOutcome(res, exp);
          // What the holder did to every tenant is undone at once (other specs run meanwhile).
          if (answer && route.id === "scheduler.pause") await expectOutcome(await call(await as(PLATFORM_ADMIN), ROUTES.find((r) => r.id === "scheduler.resume")!, { values: { tenant }, body: { scope: "global" } }), { status: 200 });
          if (answer && route.id === "killswitch.set") await sql(`UPDATE "KillSwitch" SET "releasedAt" = now(), "releasedByLabel" = 'e2e', "releaseReason" = 'e2e cleanup' WHERE reason = $1`, [body!.reason]);

          if (target && exp.status >= 400) expect(await snapshotRow(target.kind, target.id), `${target.kind} ${target.id} must be unchanged`).toEqual(before);
          if (route.method === "POST" && params.length === 0 && route.status === 201) expect(await createdRows(route, body!)).toBe(exp.status >= 400 ? 0 : 1);
          const events = (await auditEventsOfRequest(requestId)).map((e) => [e.action, e.decision, e.tenant]);
          if (exp.status === 403) expect(events).toEqual([[route.id, "deny", tenant]]);
          else if (exp.status >= 400) expect(events).toEqual([]);
          else expect(events).toContainEqual([route.id, "success", tenant]);
        });
      }
    }
  });
}
