// Findings of the security review, kept fixed: values PostgreSQL cannot store or compare, a cursor
// from another tenant, passwords chosen by a tenant's admin for platform-wide accounts, and two
// requests creating the same thing at once.
import { FOREIGN_TENANT, OWN_TENANT, PLATFORM_ADMIN, tenantAdmin } from "./fixtures";
import { expect, expectError, test, unique } from "./support/api";
import { Factory } from "./support/factory";
import { sql } from "./support/db";

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

test("only a platform admin may set a password for a new person", async ({ as }) => {
  const email = `pw-${unique()}@example.test`;
  const body = { email, name: "Pw Person", roles: ["viewer"], initialPassword: "a long enough password" };
  await expectError(await (await as(tenantAdmin(OWN_TENANT))).post(`${base}/members`, { data: body }), 403, /only platform admins may set a password/);
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
