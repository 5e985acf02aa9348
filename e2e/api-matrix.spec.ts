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
import type { APIResponse } from "@playwright/test";
import { PERSONAL_ROUTES, ROUTES } from "../server/contracts/routes";
import { describeRule, effectiveApprovalRule, eligibleFilters } from "../server/approvals/effective-approval-rule";
import { PERMISSIONS, permissionsOfRoles, type Permission } from "../server/authz/permissions";
import type { TenantRole } from "../server/authz/roles";
import { isMutation, type RouteContract } from "../server/http/define-route";
import { defaultPolicySets } from "../server/test/policy-sets";
import {
  CONSULTANT, FOREIGN_TENANT, OWN_TENANT, PLATFORM_ADMIN, permissionsIn, rolesIn, ROLE_USERS, tenantAdmin, TENANTS, type Persona, type TenantSlug,
} from "./fixtures";
import { call, expect, expectError, test as apiTest, unique, type Caller } from "./support/api";
import { Factory } from "./support/factory";
import { CONDITIONAL_TRIGGERS, namesRow, objectParams, personaWith, rowsNamed, validBody } from "./support/route-fixtures";
import { auditEventsOfRequest, snapshotRow, sql } from "./support/db";
import { policyNameOf } from "./support/policy-yaml";

// The API token callers: made by acme's tenant admin, each holding its roles' permissions
// intersected with what its creator may do. A token may never hold more than its creator, so
// these are the token shapes a tenant admin can mint: a reader and a full admin.
const TOKEN_TENANT: TenantSlug = OWN_TENANT;
const TOKENS = { reader: ["viewer"], admin: ["tenant_admin"] } as const satisfies Record<string, readonly TenantRole[]>;
type TokenName = keyof typeof TOKENS;
type TokenCaller = { token: string; label: string };

const test = apiTest.extend<{ factory: Factory }, { matrixTokens: Record<TokenName, TokenCaller> }>({
  matrixTokens: [
    async ({ as }, use) => {
      const f = new Factory(as);
      const out = {} as Record<TokenName, TokenCaller>;
      for (const name of Object.keys(TOKENS) as TokenName[]) {
        out[name] = { token: String((await f.token(TOKEN_TENANT, [...TOKENS[name]])).token), label: `token:${name}` };
      }
      await use(out);
    },
    { scope: "worker" },
  ],
  factory: async ({ as }, use) => {
    const factory = new Factory(as);
    await use(factory);
    await factory.dispose();
  },
});

type MatrixCaller =
  | { label: string; kind: "persona"; persona: Persona }
  | { label: string; kind: "anonymous" }
  | { label: string; kind: "token"; token: TokenName };

const CALLERS: MatrixCaller[] = [
  ...Object.values(ROLE_USERS[OWN_TENANT]).map((p) => ({ label: p.key, kind: "persona" as const, persona: p })),
  { label: PLATFORM_ADMIN.key, kind: "persona", persona: PLATFORM_ADMIN },
  { label: `${CONSULTANT.key} (acme: ${CONSULTANT.roles.acme}; globex: ${CONSULTANT.roles.globex})`, kind: "persona", persona: CONSULTANT },
  ...(Object.keys(TOKENS) as TokenName[]).map((t) => ({ label: `api-token (${TOKENS[t].join("+")} in ${TOKEN_TENANT})`, kind: "token" as const, token: t })),
  { label: "anonymous", kind: "anonymous" },
];

function grantedTo(c: MatrixCaller, tenant: string): ReadonlySet<Permission> | null {
  if (c.kind === "persona") return permissionsIn(c.persona, tenant);
  if (c.kind === "token") {
    if (tenant !== TOKEN_TENANT) return null;
    const creator = permissionsIn(tenantAdmin(TOKEN_TENANT), tenant)!;
    return new Set([...permissionsOfRoles(TOKENS[c.token])].filter((p) => creator.has(p)));
  }
  return null;
}

type Expectation = { status: number; message?: string | RegExp };

// The approval request the fixtures make is a policy version's activation, raised by the policy
// author (none of the callers): the platform's rule for it says who may vote, and the message names it.
const ACTIVATION_RULE = effectiveApprovalRule(defaultPolicySets().active, "policy_activation")!;
const NOT_ELIGIBLE = `not eligible: the approval rule (${ACTIVATION_RULE.sources.join(", ")}) asks for ${describeRule(ACTIVATION_RULE)}`;
const acceptedByRule = (c: MatrixCaller, tenant: string) =>
  c.kind === "persona" && rolesIn(c.persona, tenant).some((r) => eligibleFilters(ACTIVATION_RULE).roles.includes(r));

/**
 * Rules inside the operations, on top of the route's permission, that the matrix's fixtures reach:
 * what a caller holding the permission gets instead of success (undefined: success).
 */
const BIND_BECAUSE = ROUTES.find((r) => r.id === "github.installation.bind")!.alsoRequires![0]!.because;

const DOMAIN_RULES: Record<string, (c: MatrixCaller, tenant: string, granted: ReadonlySet<Permission>) => Expectation | undefined> = {
  "token.create": (c) => (c.kind === "token" ? { status: 403, message: "API tokens cannot create API tokens" } : undefined),
  // A vote is a person's, and one the rule accepts (a token acts for nobody in particular).
  "approval.vote": (c, tenant) => (acceptedByRule(c, tenant) ? undefined : { status: 403, message: NOT_ELIGIBLE }),
  // Only who raised a request withdraws it; api-approvals.spec.ts covers the requester.
  "approval.cancel": () => ({ status: 403, message: "only the person who raised a request can withdraw it" }),
  // A request is seen by those who oversee (audit.read), the requester, its author and who may decide it.
  "approval.get": (c, tenant, granted) => (granted.has("audit.read") || acceptedByRule(c, tenant) ? undefined : { status: 404, message: "approval request not found" }),
  // The policy (run-cancel-own-or-admin): the fixture run's requester is none of the callers.
  // The fixture run waits for approval: it has not ended, so there is nothing to retry yet.
  "run.retry": () => ({ status: 409, message: /only a run that ended can be retried/ }),
  "run.cancel": (c, tenant) => (isAdminIn(c, tenant) ? undefined : { status: 403, message: /only the requester or an admin may cancel this run/ }),
  // The fixture is an installation bound to no tenant: binding it is a platform admin's (github.bind).
  "github.installation.bind": (_c, _tenant, granted) => (granted.has("github.bind") ? undefined : { status: 403, message: `missing permission github.bind: ${BIND_BECAUSE}` }),
  // The fixture installation is one the e2e tier's GitHub (its twin) does not have: syncing asks it.
  "github.installation.sync": () => ({ status: 404, message: /^GitHub has no installation \d+ of this App/ }),
  // The fixture campaign is a draft: it launches, but neither pauses nor resumes.
  "campaign.pause": () => ({ status: 409, message: "the campaign is draft: only a running campaign can be paused" }),
  "campaign.resume": () => ({ status: 409, message: "the campaign is draft: only a paused campaign can be resumed" }),
};

// A token holds permissions but no roles, so role conditions in attribute rules never count it as an admin.
const isAdminIn = (c: MatrixCaller, tenant: string) => c.kind === "persona" && (c.persona.platformAdmin || rolesIn(c.persona, tenant).includes("tenant_admin"));

function expectationFor(c: MatrixCaller, tenant: string, route: RouteContract): Expectation {
  if (c.kind === "anonymous") return { status: 401 };
  const granted = grantedTo(c, tenant);
  if (!granted) return { status: 404, message: "tenant not found" };
  if (!granted.has(route.permission)) return { status: 403, message: `missing permission ${route.permission}` };
  return DOMAIN_RULES[route.id]?.(c, tenant, granted) ?? { status: route.status ?? 200 };
}

// Where a create route's new row would appear, found by the unique value of its body.
const CREATED_ROW: Record<string, { table: string; column: string; value?: (body: Record<string, unknown>) => unknown }> = {
  members: { table: "Invitation", column: "email" },
  teams: { table: "Team", column: "slug" },
  repositories: { table: "Repository", column: "name" },
  tokens: { table: "ApiToken", column: "name" },
  policies: { table: "PolicyDocument", column: "name", value: (body) => policyNameOf(body.content) },
  webhooks: { table: "WebhookEndpoint", column: "description" },
  tasks: { table: "Task", column: "instruction" },
  killswitches: { table: "KillSwitch", column: "reason" },
  "verifier-profiles": { table: "VerifierProfile", column: "name" },
  campaigns: { table: "Campaign", column: "name", value: (body) => (body.spec as { name: string }).name },
};

async function createdRows(route: RouteContract, body: Record<string, unknown>): Promise<number> {
  const where = CREATED_ROW[route.tag];
  if (!where) throw new Error(`${route.id} creates something, but CREATED_ROW in api-matrix.spec.ts does not say where to look for it`);
  const value = where.value ? where.value(body) : body[where.column];
  const rows = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${where.table}" WHERE "${where.column}" = $1`, [value]);
  return rows[0]!.n;
}

const toCaller = (c: MatrixCaller, tokens: Record<TokenName, TokenCaller>): Caller =>
  c.kind === "anonymous" ? "anonymous" : c.kind === "token" ? tokens[c.token] : c.persona;

async function expectOutcome(res: APIResponse, exp: Expectation): Promise<Record<string, unknown> | null> {
  if (exp.status >= 400) {
    await expectError(res, exp.status, exp.message);
    return null;
  }
  expect(res.status(), `${res.url()}: ${(await res.text()).slice(0, 300)}`).toBe(exp.status);
  expect(res.headers()["content-type"]).toMatch(/^application\/json/);
  return (await res.json()) as Record<string, unknown>;
}

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

// Objects of another tenant, addressed through one's own: answered exactly like missing ones.
test.describe("another tenant's objects through /tenants/acme", () => {
  const routes = ROUTES.filter((r) => objectParams(r).some(namesRow));
  for (const route of routes) {
    // Someone who may use the route in acme (the tenant admin where the role allows it), so that
    // the answer is about the object, not the permission.
    for (const who of [personaWith(route.permission, OWN_TENANT), PLATFORM_ADMIN]) {
      test(`${route.id} as ${who.key} with a ${FOREIGN_TENANT} id -> 404, row unchanged`, async ({ as, factory }) => {
        const values: Record<string, string | number> = { tenant: OWN_TENANT };
        const foreign: Record<string, string | number> = { tenant: FOREIGN_TENANT };
        for (const p of objectParams(route)) values[p] = foreign[p] = await factory.objectFor(p, FOREIGN_TENANT, foreign);
        const targets = rowsNamed(route, values);
        const before = await Promise.all(targets.map((t) => snapshotRow(t.kind, t.id)));
        const requestId = `e2e-${unique()}`;
        const res = await call(await as(who), route, { values, body: await validBody(route, values, { factory }), requestId });
        await expectError(res, 404, / not found$/);
        expect(await Promise.all(targets.map((t) => snapshotRow(t.kind, t.id)))).toEqual(before);
        expect(await auditEventsOfRequest(requestId)).toEqual([]);
      });
    }
  }

  for (const route of ROUTES.filter((r) => r.tag === "repositories" && r.body)) {
    test(`${route.id} in acme naming a ${FOREIGN_TENANT} team -> 422 body.teamId`, async ({ as, factory }) => {
      const foreignTeam = String((await factory.team(FOREIGN_TENANT)).id);
      const values: Record<string, string | number> = { tenant: OWN_TENANT };
      for (const p of objectParams(route)) values[p] = await factory.objectFor(p, OWN_TENANT, values);
      const body = { ...(await validBody(route, values, { factory })), teamId: foreignTeam };
      const res = await call(await as(tenantAdmin(OWN_TENANT)), route, { values, body });
      const err = await expectError(res, 422);
      expect(err.error.details?.issues?.map((i) => i.path)).toEqual(["body.teamId"]);
      expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Repository" WHERE "teamId" = $1`, [foreignTeam]))[0]!.n).toBe(0);
    });
  }
});

// A tenant one cannot see and a tenant that does not exist must be indistinguishable.
test.describe("foreign tenant vs. missing tenant", () => {
  const tenantRoute = ROUTES.find((r) => r.id === "tenant.get")!;
  for (const c of CALLERS.filter((x) => x.kind !== "anonymous")) {
    test(`${c.label}: /tenants/no-such-tenant answers like a tenant that is not theirs`, async ({ as, matrixTokens }) => {
      const ctx = await as(toCaller(c, matrixTokens));
      const missing = await expectError(await call(ctx, tenantRoute, { values: { tenant: "no-such-tenant" } }), 404);
      const foreign = [OWN_TENANT, FOREIGN_TENANT].find((t) => !grantedTo(c, t));
      if (foreign) {
        const other = await expectError(await call(ctx, tenantRoute, { values: { tenant: foreign } }), 404);
        expect({ code: other.error.code, message: other.error.message }).toEqual({ code: missing.error.code, message: missing.error.message });
      }
    });
  }
});

for (const name of Object.keys(TOKENS) as TokenName[]) {
  test(`the ${name} token holds only what its roles grant its creator`, async ({ as, matrixTokens }) => {
    const res = await (await as(matrixTokens[name])).get(`/api/v1/tenants/${TOKEN_TENANT}`);
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { permissions: string[] };
    expect(body.permissions.sort()).toEqual([...grantedTo({ label: "", kind: "token", token: name }, TOKEN_TENANT)!].sort());
  });
}

// The person's own routes (/api/v1/me): signed-in people reach their own things there (sign-in.spec.ts
// and the member journeys use them). Nobody else reaches anything: anonymous callers and API tokens
// are refused, someone else's session or invitation answers 404 and stays as it was, and nothing is
// recorded.
const SOMEONE_ELSES: Record<string, (f: Factory) => Promise<{ table: string; id: string }>> = {
  sessionId: async () => {
    const [s] = await sql<{ id: string }>(`SELECT s.id FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1 AND s."endedAt" IS NULL ORDER BY s."createdAt" DESC LIMIT 1`, [tenantAdmin(OWN_TENANT).email]);
    return { table: "Session", id: s!.id };
  },
  invitationId: async (f) => ({ table: "Invitation", id: String((await f.invitation(OWN_TENANT)).id) }),
};

test.describe("the person's own routes", () => {
  for (const route of PERSONAL_ROUTES) {
    const params = objectParams(route);
    test(`${route.method} ${route.path} [${route.id}]: anonymous -> 401, API tokens -> 403${params.length ? ", someone else's -> 404" : ""}`, async ({ as, factory, matrixTokens }) => {
      const values: Record<string, string> = {};
      const rows: { table: string; id: string }[] = [];
      for (const p of params) {
        const row = await SOMEONE_ELSES[p]!(factory);
        values[p] = row.id;
        rows.push(row);
      }
      const snapshot = () => Promise.all(rows.map((r) => sql(`SELECT row_to_json(t) AS row FROM "${r.table}" t WHERE id = $1`, [r.id])));
      const before = await snapshot();
      const callers: [Caller, number][] = [["anonymous", 401], [matrixTokens.admin, 403], [matrixTokens.reader, 403]];
      if (params.length) callers.push([CONSULTANT, 404]);
      for (const [caller, status] of callers) {
        const requestId = `e2e-${unique()}`;
        await expectError(await call(await as(caller), route, { values, requestId }), status);
        expect(await auditEventsOfRequest(requestId)).toEqual([]);
      }
      expect(await snapshot()).toEqual(before);
    });
  }
});
