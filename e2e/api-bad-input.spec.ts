// Bad input, generated from the route contracts: for every route with a body, malformed JSON (400),
// a wrong type in each field (422 naming body.<field>), an unknown field (422 naming it), a body
// over 64 KiB (413, with and without Content-Length) and a non-JSON content type (415); for every
// route with a query, a bad value for each parameter (422 naming query.<param>). Never a 500, always
// the { error: { code, message } } shape, no stack trace, and nothing changed or audited.
import type { APIResponse } from "@playwright/test";
import { z } from "zod";
import { ROUTES } from "../server/contracts/routes";
import type { RouteContract } from "../server/http/define-route";
import { MAX_BODY_BYTES } from "../server/http/parse-input";
import { FOREIGN_TENANT, OWN_TENANT, tenantAdmin, type Persona } from "./fixtures";
import { call, expect, expectError, expectNoStack, pathOf, test as apiTest, unique, type ErrorBody } from "./support/api";
import { Factory } from "./support/factory";
import { objectParams, PARAM_KINDS, personaWith, personaWithout, rowsNamed, validBody } from "./support/route-fixtures";
import { auditEventsOfRequest, snapshotRow, type ObjectKind } from "./support/db";
import { sendChunked, sendRaw } from "./support/raw-http";

const ADMIN = tenantAdmin(OWN_TENANT);

// Who sends the requests: someone holding the route's permission in acme (its tenant admin where
// the role allows), so that what is refused is the input and nothing else.
type Target = { values: Record<string, string | number>; row?: { kind: ObjectKind; id: string }; body?: Record<string, unknown>; who: Persona };

const test = apiTest.extend<{ target: (route: RouteContract) => Promise<Target> }>({
  // Fresh objects for the route's path parameters, in acme, and a valid body for them.
  target: async ({ as }, use) => {
    const factory = new Factory(as);
    await use(async (route) => {
      const values: Record<string, string | number> = { tenant: OWN_TENANT };
      for (const p of objectParams(route)) values[p] = await factory.objectFor(p, OWN_TENANT, values);
      return { values, row: rowsNamed(route, values)[0], body: await validBody(route, values, { factory }), who: personaWith(route.permission, OWN_TENANT) };
    });
    await factory.dispose();
  },
});

/** Sends a request and checks that it was refused with `status` and left no trace. */
async function expectRefusedUnchanged(target: Target, send: (requestId: string) => Promise<APIResponse>, status: number): Promise<ErrorBody> {
  const before = target.row ? await snapshotRow(target.row.kind, target.row.id) : null;
  const requestId = `e2e-${unique()}`;
  const err = await expectError(await send(requestId), status);
  if (target.row) expect(await snapshotRow(target.row.kind, target.row.id)).toEqual(before);
  if (status !== 403) expect(await auditEventsOfRequest(requestId), "a refused request writes no audit event").toEqual([]);
  return err;
}

// Fields that take any JSON value (the input a policy decides): no type is wrong for them.
const ANY_JSON_FIELDS: Record<string, string[]> = { "policy.preview": ["input"], "policy.evaluate": ["input"] };

type JsonSchema = { type?: string | string[]; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; items?: JsonSchema; enum?: unknown[]; pattern?: string; maxLength?: number; properties?: Record<string, JsonSchema> };

const jsonSchema = (t: z.ZodType) => z.toJSONSchema(t, { io: "input", unrepresentable: "any" }) as JsonSchema;

function allowedTypes(s: JsonSchema): Set<string> {
  const out = new Set<string>();
  for (const t of [s.type ?? []].flat()) out.add(t === "integer" ? "number" : t);
  for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) for (const t of allowedTypes(alt)) out.add(t);
  return out;
}

/** A JSON value whose type the field does not accept. */
function wrongTypeFor(s: JsonSchema): unknown {
  const allowed = allowedTypes(s);
  if (!allowed.size) return undefined;
  if (!allowed.has("string")) return "not-the-right-type";
  if (!allowed.has("number")) return 12345;
  return { nested: true };
}

// Query parameters arrive as strings, so "wrong type" means a string that is not a number, not one
// of the enum values, breaks the pattern or is too long. Parameters whose zod type has no JSON
// Schema form (dates) say here what a wrong value is.
const QUERY_BAD_VALUE: Record<string, string> = { from: "not-a-date", to: "not-a-date" };

function badQueryValue(name: string, s: JsonSchema): string | undefined {
  if (QUERY_BAD_VALUE[name]) return QUERY_BAD_VALUE[name];
  const types = allowedTypes(s);
  if (types.has("number")) return "not-a-number";
  if (s.enum) return "not-one-of-them";
  if (s.pattern) return "!! not matching !!";
  if (s.maxLength !== undefined) return "x".repeat(s.maxLength + 1);
  return undefined;
}

const issuePaths = (e: ErrorBody) => (e.error.details?.issues ?? []).map((i) => i.path);

const BODY_ROUTES = ROUTES.filter((r) => r.body);
const QUERY_ROUTES = ROUTES.filter((r) => r.query);

test("the contracts have bodies and queries to test", () => {
  expect(BODY_ROUTES.length).toBeGreaterThan(0);
  expect(QUERY_ROUTES.length).toBeGreaterThan(0);
});

for (const route of BODY_ROUTES) {
  test.describe(`${route.method} ${route.path} [${route.id}] body`, () => {
    const props = jsonSchema(route.body!).properties ?? {};

    test("malformed JSON -> 400", async ({ as, target }) => {
      const t = await target(route);
      const ctx = await as(t.who);
      for (const text of ['{"roles": [', "{name: 'x'}", "nope"]) {
        const err = await expectRefusedUnchanged(t, (requestId) => call(ctx, route, { values: t.values, requestId, body: text, headers: { "content-type": "application/json" } }), 400);
        expect(err.error.code).toBe("bad_request");
      }
    });

    test("empty body -> 400", async ({ as, target }) => {
      const t = await target(route);
      const ctx = await as(t.who);
      await expectRefusedUnchanged(t, (requestId) => call(ctx, route, { values: t.values, requestId, headers: { "content-type": "application/json" } }), 400);
    });

    test("JSON that is not an object -> 422 at body", async ({ as, target }) => {
      const t = await target(route);
      const ctx = await as(t.who);
      for (const text of ["[]", '"text"', "null", "42"]) {
        const err = await expectRefusedUnchanged(t, (requestId) => call(ctx, route, { values: t.values, requestId, body: text, headers: { "content-type": "application/json" } }), 422);
        expect(issuePaths(err)).toEqual(["body"]);
      }
    });

    for (const [field, schema] of Object.entries(props)) {
      const wrong = wrongTypeFor(schema);
      if (wrong === undefined && ANY_JSON_FIELDS[route.id]?.includes(field)) continue;
      test(`wrong type for ${field} -> 422 at body.${field}`, async ({ as, target }) => {
        expect(wrong, `no wrong type derivable for ${route.id} body.${field}`).toBeDefined();
        const t = await target(route);
        const ctx = await as(t.who);
        const err = await expectRefusedUnchanged(t, (requestId) => call(ctx, route, { values: t.values, requestId, body: { ...t.body, [field]: wrong } }), 422);
        expect(err.error.code).toBe("validation_failed");
        expect(issuePaths(err)).toContain(`body.${field}`);
        expect(err.error.message).toContain(`body.${field}`);
      });
      if (schema.items) {
        test(`wrong element type in ${field} -> 422 at body.${field}.0`, async ({ as, target }) => {
          const t = await target(route);
          const ctx = await as(t.who);
          const err = await expectRefusedUnchanged(t, (requestId) => call(ctx, route, { values: t.values, requestId, body: { ...t.body, [field]: [wrongTypeFor(schema.items!)] } }), 422);
          expect(issuePaths(err)).toContain(`body.${field}.0`);
        });
      }
    }

    test("unknown field -> 422 naming it", async ({ as, target }) => {
      const t = await target(route);
      const ctx = await as(t.who);
      const err = await expectRefusedUnchanged(t, (requestId) => call(ctx, route, { values: t.values, requestId, body: { ...t.body, tenantId: "someone-else", isAdmin: true } }), 422);
      expect(issuePaths(err)).toEqual(expect.arrayContaining(["body.tenantId", "body.isAdmin"]));
      expect(err.error.message).toContain("tenantId");
    });

    test(`body over ${MAX_BODY_BYTES / 1024} KiB -> 413`, async ({ as, target }) => {
      const t = await target(route);
      const ctx = await as(t.who);
      const body = { ...t.body, padding: "x".repeat(MAX_BODY_BYTES + 1) };
      const err = await expectRefusedUnchanged(t, (requestId) => call(ctx, route, { values: t.values, requestId, body }), 413);
      expect(err.error.code).toBe("payload_too_large");
    });

    test("body over the limit without Content-Length (chunked) -> 413", async ({ target }) => {
      const t = await target(route);
      const before = t.row ? await snapshotRow(t.row.kind, t.row.id) : null;
      const requestId = `e2e-${unique()}`;
      const res = await sendChunked(route.method, pathOf(route, t.values), requestId, [JSON.stringify(t.body).slice(0, -1) + ', "padding": "', "y".repeat(40 * 1024), "y".repeat(40 * 1024), '"}'], t.who);
      expect(res.status, res.text).toBe(413);
      expect((JSON.parse(res.text) as ErrorBody).error.code).toBe("payload_too_large");
      expectNoStack(res.text);
      if (t.row) expect(await snapshotRow(t.row.kind, t.row.id)).toEqual(before);
      expect(await auditEventsOfRequest(requestId)).toEqual([]);
    });

    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp", null]) {
      test(`Content-Type ${type ?? "(none)"} -> 415`, async ({ target }) => {
        const t = await target(route);
        const requestId = `e2e-${unique()}`;
        // Node's http client, so that "no Content-Type at all" is really sent as such.
        const res = await sendRaw(route.method, pathOf(route, t.values), requestId, JSON.stringify(t.body), type, t.who);
        expect(res.status, res.text).toBe(415);
        expect((JSON.parse(res.text) as ErrorBody).error.code).toBe("unsupported_media_type");
        expect(await auditEventsOfRequest(requestId)).toEqual([]);
      });
    }

    test("the parser runs only after authentication and authorization", async ({ as, target }) => {
      const t = await target(route);
      const malformed = { body: "{", headers: { "content-type": "application/json" } };
      await expectError(await call(await as("anonymous"), route, { values: t.values, ...malformed }), 401);
      // Every role may read policies: there is no one in acme to refuse a policy.read route.
      const lacking = personaWithout(route.permission, OWN_TENANT);
      if (lacking) await expectError(await call(await as(lacking), route, { values: t.values, ...malformed }), 403, `missing permission ${route.permission}`);
      await expectError(await call(await as(t.who), route, { values: { ...t.values, tenant: FOREIGN_TENANT }, ...malformed }), 404);
    });
  });
}

for (const route of QUERY_ROUTES) {
  test.describe(`${route.method} ${route.path} [${route.id}] query`, () => {
    const props = jsonSchema(route.query!).properties ?? {};
    for (const [name, schema] of Object.entries(props)) {
      const bad = badQueryValue(name, schema);
      test(`bad ${name} -> 422 at query.${name}`, async ({ as, target }) => {
        expect(bad, `no bad value derivable for ${route.id} query.${name}: add it to QUERY_BAD_VALUE`).toBeDefined();
        const t = await target(route);
        const err = await expectError(await call(await as(t.who), route, { values: t.values, query: { [name]: bad! } }), 422);
        expect(err.error.code).toBe("validation_failed");
        expect(issuePaths(err)).toContain(`query.${name}`);
      });
    }

    test("a parameter given twice -> 422", async ({ as, target }) => {
      const t = await target(route);
      const name = Object.keys(props).find((n) => !allowedTypes(props[n]!).has("array"))!;
      const res = await (await as(t.who)).get(`${pathOf(route, t.values)}?${name}=1&${name}=2`);
      expect(issuePaths(await expectError(res, 422))).toContain(`query.${name}`);
    });

    test("unknown parameter -> 422 naming it", async ({ as, target }) => {
      const t = await target(route);
      const err = await expectError(await call(await as(t.who), route, { values: t.values, query: { tenantId: "x" } }), 422);
      expect(issuePaths(err)).toEqual(["query.tenantId"]);
    });

    test("the example query is accepted", async ({ as, target }) => {
      const t = await target(route);
      const res = await call(await as(t.who), route, { values: t.values, query: route.example?.query ?? {} });
      expect(res.status()).toBe(200);
    });
  });
}

test.describe("malformed path parameters answer like missing objects", () => {
  for (const route of ROUTES.filter((r) => objectParams(r).length)) {
    test(`${route.id} with a malformed ${objectParams(route).join(", ")} -> 404`, async ({ as }) => {
      const values: Record<string, string> = { tenant: OWN_TENANT };
      for (const p of objectParams(route)) values[p] = PARAM_KINDS[p] === "audit" ? "not-a-number" : "bad id!";
      await expectError(await call(await as(ADMIN), route, { values, body: await validBody(route, values, { factory: new Factory(as) }) }), 404);
    });
  }
  test("a tenant slug that cannot exist -> 404", async ({ as }) => {
    const res = await (await as(ADMIN)).get("/api/v1/tenants/NOT_A_SLUG");
    await expectError(res, 404);
  });
  test("audit event seq 0 and one past the end -> 404", async ({ as }) => {
    const route = ROUTES.find((r) => r.id === "audit.get")!;
    for (const seq of [0, 2 ** 31]) await expectError(await call(await as(ADMIN), route, { values: { tenant: OWN_TENANT, seq } }), 404);
  });
});
