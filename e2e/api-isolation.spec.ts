// Isolation, beside the matrix: another tenant's objects addressed through one's own tenant answer
// exactly like missing ones and stay unchanged; a tenant one cannot see is indistinguishable from one
// that does not exist; a token holds only what its roles grant its creator; and the person's own
// routes (/api/v1/me) reach nobody else's things.
import { PERSONAL_ROUTES, ROUTES } from "../server/contracts/routes";
import { CONSULTANT, FOREIGN_TENANT, OWN_TENANT, PLATFORM_ADMIN, tenantAdmin } from "./fixtures";
import { call, expect, expectError, unique, type Caller } from "./support/api";
import { Factory } from "./support/factory";
import { namesRow, objectParams, personaWith, rowsNamed, validBody } from "./support/route-fixtures";
import { auditEventsOfRequest, snapshotRow, sql } from "./support/db";
import { CALLERS, grantedTo, test, toCaller, TOKEN_TENANT, TOKENS, type TokenName } from "./support/matrix-callers";

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

