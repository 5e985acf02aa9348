// Findings of the security review, kept fixed: values PostgreSQL cannot store or compare, a cursor
// from another tenant, passwords chosen by a tenant's admin for platform-wide accounts, two
// requests creating the same thing at once, API paths and methods that do not exist, and changes
// sent with the session cookie from another site (the browser's side: security-headers.spec.ts).
import { FOREIGN_TENANT, OWN_TENANT, PLATFORM_ADMIN, tenantAdmin } from "./fixtures";
import { expect, expectError, test, unique } from "./support/api";
import { Factory } from "./support/factory";
import { sql } from "./support/db";
import { BASE_URL } from "./support/env";

const base = `/api/v1/tenants/${OWN_TENANT}`;

test("a NUL character in a query or a body is a field error, not a 500", async ({ as }) => {
  const admin = await as(tenantAdmin(OWN_TENANT));
  const q = await expectError(await admin.get(`${base}/members?q=%00`), 422);
  expect(q.error.details?.issues).toEqual([{ path: "query.q", message: "must not contain a NUL character" }]);
  const b = await expectError(await admin.post(`${base}/teams`, { data: { slug: `t-${unique()}`, name: "a\u0000b" } }), 422);
  expect(b.error.details?.issues?.[0]?.path).toBe("body.name");
});

test("audit dates outside what the database stores are field errors", async ({ as }) => {
  const admin = await as(tenantAdmin(OWN_TENANT));
  for (const from of ["0000-01-01", "-100000-01-01", "10000-01-01"]) {
    const r = await expectError(await admin.get(`${base}/audit/events?from=${from}`), 422);
    expect(r.error.details?.issues?.[0]?.path).toBe("query.from");
  }
});

test("a repository cursor from another tenant is refused, not used", async ({ as }) => {
  const foreign = await new Factory(as).repository(FOREIGN_TENANT);
  const admin = await as(tenantAdmin(OWN_TENANT));
  const r = await expectError(await admin.get(`${base}/repositories?cursor=${String(foreign.id)}`), 422);
  expect(r.error.details?.issues?.[0]?.path).toBe("query.cursor");
});

test("only a platform admin (member.set_password) may set a password for a new person", async ({ as }) => {
  const email = `pw-${unique()}@example.test`;
  const body = { email, name: "Pw Person", roles: ["viewer"], initialPassword: "a long enough password" };
  await expectError(await (await as(tenantAdmin(OWN_TENANT))).post(`${base}/members`, { data: body }), 403, /^missing permission member\.set_password: /);
  expect(await sql(`SELECT 1 FROM "User" WHERE email = $1`, [email])).toHaveLength(0);
  expect((await (await as(PLATFORM_ADMIN)).post(`${base}/members`, { data: body })).status()).toBe(201);
});

test("two requests creating the same team at once: one 201, one 409", async ({ as }) => {
  const admin = await as(tenantAdmin(OWN_TENANT));
  const data = { slug: `same-${unique()}`, name: "Same" };
  const statuses = (await Promise.all([1, 2, 3].map(() => admin.post(`${base}/teams`, { data })))).map((r) => r.status()).sort();
  expect(statuses[0]).toBe(201);
  expect(statuses.slice(1)).toEqual([409, 409]);
});

test.describe("paths and methods the API does not serve", () => {
  test("an unknown path under /api answers the JSON error format with 404, whatever the method", async ({ as }) => {
    const admin = await as(tenantAdmin(OWN_TENANT));
    for (const [method, path] of [
      ["GET", "/api/v1/nope"], ["GET", `${base}/nope`], ["POST", `${base}/runs/r1/nope`], ["DELETE", "/api/v2/tenants"], ["GET", "/api"], ["PATCH", "/api/nope"],
    ] as const) {
      const err = await expectError(await admin.fetch(path, { method, failOnStatusCode: false }), 404);
      expect(err.error).toMatchObject({ code: "not_found", message: `no API operation at ${method} ${path}` });
    }
  });

  test("a known path with a method it does not serve answers 405 with Allow, in the JSON error format", async ({ as }) => {
    const admin = await as(tenantAdmin(OWN_TENANT));
    for (const [method, path, allow] of [
      ["DELETE", `${base}/runs`, "GET, HEAD, OPTIONS"],
      ["PUT", `${base}/teams`, "GET, HEAD, OPTIONS, POST"],
      ["POST", `${base}/approvals/counts`, "GET, HEAD, OPTIONS"],
      ["GET", `${base}/tasks`, "OPTIONS, POST"],
      ["POST", "/api/health", "GET, HEAD, OPTIONS"],
    ] as const) {
      const res = await admin.fetch(path, { method, failOnStatusCode: false, ...(method === "GET" ? {} : { data: {} }) });
      const err = await expectError(res, 405);
      expect(res.headers().allow, `${method} ${path}`).toBe(allow);
      expect(err.error.code).toBe("method_not_allowed");
      expect(err.error.message).toBe(`${method} is not an API operation at ${path}; it answers ${allow}`);
    }
  });

  test("the routes themselves and next-auth's own still answer", async ({ as }) => {
    const admin = await as(tenantAdmin(OWN_TENANT));
    expect((await admin.get(`${base}/approvals/counts`)).status()).toBe(200);
    expect((await admin.get(`${base}/teams`)).status()).toBe(200);
    expect((await admin.head(`${base}/teams`)).status()).toBe(200);
    expect((await (await as("anonymous")).get("/api/auth/csrf")).status()).toBe(200);
    expect((await (await as("anonymous")).get("/api/v1/openapi.json")).status()).toBe(200);
  });
});

test.describe("changes made with the session cookie from another site", () => {
  const teamBody = () => ({ slug: `xs-${unique()}`, name: "Cross-site" });
  const teamExists = async (slug: string) => (await sql(`SELECT 1 FROM "Team" WHERE slug = $1`, [slug])).length === 1;

  for (const [label, headers] of [
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site", origin: "https://evil.example" }],
    ["Sec-Fetch-Site: same-site from a sibling origin", { "sec-fetch-site": "same-site", origin: "http://127.0.0.1:1" }],
    ["an Origin that is not the console's (no Fetch Metadata)", { origin: "https://evil.example" }],
    ["Origin: null", { origin: "null" }],
  ] as const) {
    test(`${label}: 403 saying why, nothing created`, async ({ as }) => {
      const admin = await as(tenantAdmin(OWN_TENANT));
      const body = teamBody();
      const err = await expectError(await admin.post(`${base}/teams`, { data: body, headers }), 403, /^refused a change sent from another (site|origin)/);
      expect(err.error.details).toMatchObject({ reason: "cross_site" });
      expect(await teamExists(body.slug)).toBe(false);
    });
  }

  test("the same request from the console's own origin, or with neither header, succeeds", async ({ as }) => {
    const admin = await as(tenantAdmin(OWN_TENANT));
    for (const headers of [{ "sec-fetch-site": "same-origin", origin: BASE_URL }, { origin: BASE_URL }, {}] as Record<string, string>[]) {
      const body = teamBody();
      expect((await admin.post(`${base}/teams`, { data: body, headers })).status(), JSON.stringify(headers)).toBe(201);
      expect(await teamExists(body.slug)).toBe(true);
    }
  });

  test("an API token is not a cookie: another origin's headers do not refuse it", async ({ as }) => {
    const created = await (await as(tenantAdmin(OWN_TENANT))).post(`${base}/tokens`, { data: { name: `xs-${unique()}`, roles: ["tenant_admin"], expiresInDays: 1 } });
    const { token } = (await created.json()) as { token: string };
    const body = teamBody();
    const res = await (await as({ token, label: "token" })).post(`${base}/teams`, { data: body, headers: { "sec-fetch-site": "cross-site", origin: "https://evil.example" } });
    expect(res.status()).toBe(201);
    expect(await teamExists(body.slug)).toBe(true);
  });

  test("reads are not refused", async ({ as }) => {
    const res = await (await as(tenantAdmin(OWN_TENANT))).get(`${base}/teams`, { headers: { "sec-fetch-site": "cross-site", origin: "https://evil.example" } });
    expect(res.status()).toBe(200);
  });
});
