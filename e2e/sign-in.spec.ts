// Sign-in through the real next-auth flow: one answer for every failure, lock-out after five
// failures per account, API tokens from creation to revocation, and membership changes that take
// effect on the next request. Accounts that get locked are created for the test, so nothing else
// is affected.
import type { APIRequestContext, PlaywrightWorkerArgs } from "@playwright/test";
import type { TenantRole } from "../server/authz/roles";
import { OWN_TENANT, tenantAdmin } from "./fixtures";
import { expect, expectError, test, unique } from "./support/api";
import { Factory } from "./support/factory";
import { sql } from "./support/db";
import { BASE_URL } from "./support/env";
import { signIn, signOut } from "./support/sign-in";

const PASSWORD = "correct-horse-battery-e2e";
const INVALID = "Invalid e-mail or password.";
const ADMIN = tenantAdmin(OWN_TENANT);

/** A person invited to acme, with a local password, who accepted. */
async function newAccount(factory: Factory, roles: TenantRole[] = ["viewer"]): Promise<{ email: string; memberId: string }> {
  const m = await factory.member(OWN_TENANT, { password: PASSWORD, roles });
  return { email: String(m.email), memberId: String(m.id) };
}

test.describe("sign-in", () => {
  let contexts: APIRequestContext[] = [];
  const fresh = async (playwright: PlaywrightWorkerArgs["playwright"]) => {
    const ctx = await playwright.request.newContext({ baseURL: BASE_URL });
    contexts.push(ctx);
    return ctx;
  };
  test.afterEach(async () => {
    for (const c of contexts) await c.dispose();
    contexts = [];
  });

  test("a wrong password and an unknown account get the same answer", async ({ as, playwright }) => {
    const { email } = await newAccount(new Factory(as));
    const wrongPassword = await signIn(await fresh(playwright), email, "not-the-password");
    const unknownAccount = await signIn(await fresh(playwright), `nobody-${unique()}@example.test`, "not-the-password");
    expect(wrongPassword).toEqual({ ok: false, status: 401, error: INVALID });
    expect(unknownAccount).toEqual(wrongPassword);
    // And the right password still works (one failure does not lock).
    expect(await signIn(await fresh(playwright), email, PASSWORD)).toEqual({ ok: true });
  });

  test("five failures lock the account, even for the right password, and only that account", async ({ as, playwright }) => {
    const { email } = await newAccount(new Factory(as));
    for (let i = 1; i <= 5; i++) {
      expect(await signIn(await fresh(playwright), email, `wrong-${i}`), `attempt ${i}`).toEqual({ ok: false, status: 401, error: INVALID });
    }
    const locked = await signIn(await fresh(playwright), email, PASSWORD);
    expect(locked.ok).toBe(false);
    expect(!locked.ok && locked.error).toMatch(/^Too many failed sign-in attempts\. Try again in \d+ minutes?\.$/);
    // Another person signing in from the same address is not affected.
    const other = await newAccount(new Factory(as));
    expect(await signIn(await fresh(playwright), other.email, PASSWORD)).toEqual({ ok: true });
    // Every failure is audited in the person's tenant.
    const failures = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'auth.sign_in_failed' AND "actorLabel" = $1`, [email]);
    expect(failures[0]!.n).toBeGreaterThanOrEqual(5);
  });

  test("an unknown account is locked exactly like a real one", async ({ playwright }) => {
    const email = `nobody-${unique()}@example.test`;
    for (let i = 1; i <= 5; i++) expect((await signIn(await fresh(playwright), email, `wrong-${i}`)).ok).toBe(false);
    const sixth = await signIn(await fresh(playwright), email, "anything");
    expect(!sixth.ok && sixth.error).toMatch(/^Too many failed sign-in attempts/);
  });

  test("removing a member or changing roles takes effect on the very next request", async ({ as, playwright }) => {
    const factory = new Factory(as);
    const { email, memberId } = await newAccount(factory);
    const ctx = await fresh(playwright);
    expect(await signIn(ctx, email, PASSWORD)).toEqual({ ok: true });
    expect((await ctx.get(`/api/v1/tenants/${OWN_TENANT}/members`)).status()).toBe(403);

    const admin = await as(ADMIN);
    expect((await admin.patch(`/api/v1/tenants/${OWN_TENANT}/members/${memberId}`, { data: { roles: ["auditor"] } })).status()).toBe(200);
    expect((await ctx.get(`/api/v1/tenants/${OWN_TENANT}/members`)).status()).toBe(200);

    expect((await admin.delete(`/api/v1/tenants/${OWN_TENANT}/members/${memberId}`)).status()).toBe(200);
    await expectError(await ctx.get(`/api/v1/tenants/${OWN_TENANT}`), 404, "tenant not found");
  });
});

test.describe("sessions", () => {
  const contexts: APIRequestContext[] = [];
  const signedIn = async (playwright: PlaywrightWorkerArgs["playwright"], email: string) => {
    const ctx = await playwright.request.newContext({ baseURL: BASE_URL });
    contexts.push(ctx);
    expect(await signIn(ctx, email, PASSWORD)).toEqual({ ok: true });
    return ctx;
  };
  /** Another browser holding exactly the cookies `ctx` holds now (a cookie kept after signing out). */
  const copyOf = async (playwright: PlaywrightWorkerArgs["playwright"], ctx: APIRequestContext) => {
    const copy = await playwright.request.newContext({ baseURL: BASE_URL, storageState: await ctx.storageState() });
    contexts.push(copy);
    return copy;
  };
  test.afterEach(async () => {
    for (const c of contexts.splice(0)) await c.dispose();
  });

  test("a cookie kept after signing out no longer reads /api/v1 or the console", async ({ as, playwright }) => {
    const { email } = await newAccount(new Factory(as));
    const ctx = await signedIn(playwright, email);
    const kept = await copyOf(playwright, ctx);
    expect((await kept.get(`/api/v1/tenants/${OWN_TENANT}`)).status()).toBe(200);
    const [session] = await sql<{ id: string }>(`SELECT s.id FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1 AND s."endedAt" IS NULL ORDER BY s."createdAt" DESC LIMIT 1`, [email]);

    await signOut(ctx);
    await expectError(await kept.get(`/api/v1/tenants/${OWN_TENANT}`), 401);
    const page = await kept.get(`/${OWN_TENANT}`, { maxRedirects: 0 });
    expect(page.status()).toBe(307);
    expect(page.headers().location).toMatch(/^\/signin\?callbackUrl=/);
    const [ended] = await sql<{ endReason: string; n: number }>(
      `SELECT s."endReason", (SELECT count(*)::int FROM "AuditEvent" a WHERE a.action = 'auth.sign_out' AND a."resourceId" = s.id) AS n FROM "Session" s WHERE s.id = $1`, [session!.id]);
    expect(ended).toEqual({ endReason: "sign_out", n: 1 });
  });

  test("a person lists their sessions, ends another one of theirs, then signs out everywhere", async ({ as, playwright }) => {
    const { email } = await newAccount(new Factory(as));
    const laptop = await signedIn(playwright, email);
    const phone = await signedIn(playwright, email);
    const list = (await (await laptop.get("/api/v1/me/sessions")).json()) as { sessions: { id: string; current: boolean; client: string | null }[] };
    const mine = list.sessions.filter((s) => s.current);
    expect(mine).toHaveLength(1);
    // The factory's own sign-in, the laptop and the phone.
    expect(list.sessions).toHaveLength(3);
    const phoneId = ((await (await phone.get("/api/v1/me/sessions")).json()) as { sessions: { id: string; current: boolean }[] }).sessions.find((s) => s.current)!.id;

    expect((await laptop.delete(`/api/v1/me/sessions/${phoneId}`)).status()).toBe(200);
    await expectError(await phone.get(`/api/v1/tenants/${OWN_TENANT}`), 401);
    expect((await laptop.get(`/api/v1/tenants/${OWN_TENANT}`)).status()).toBe(200);

    const everywhere = await laptop.delete("/api/v1/me/sessions");
    expect(await everywhere.json()).toEqual({ ended: 2 });
    await expectError(await laptop.get(`/api/v1/tenants/${OWN_TENANT}`), 401);
  });
});

test.describe("sessions in the console", () => {
  test("the Sessions screen lists this browser; Sign out everywhere in the user menu ends every session", async ({ as, page, playwright }) => {
    const { email } = await newAccount(new Factory(as));
    const api = await playwright.request.newContext({ baseURL: BASE_URL });
    try {
      expect(await signIn(api, email, PASSWORD)).toEqual({ ok: true });
      await page.context().addCookies((await api.storageState()).cookies);
    } finally {
      await api.dispose();
    }
    await page.goto(`/${OWN_TENANT}`);
    await page.getByRole("button", { name: /^Account menu for/ }).click();
    await page.getByRole("menuitem", { name: "Sessions" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sessions");
    const rows = page.getByRole("table", { name: "Your sessions" }).getByRole("row");
    // The heading row, this browser and the factory's own sign-in.
    await expect(rows).toHaveCount(3);
    await expect(rows.filter({ hasText: "This browser" })).toHaveCount(1);

    await page.getByRole("button", { name: /^Account menu for/ }).click();
    await page.getByRole("menuitem", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/signin/);
    const open = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE u.email = $1 AND s."endedAt" IS NULL`, [email]);
    expect(open[0]!.n).toBe(0);
  });
});

test.describe("client address", () => {
  // X-Forwarded-For is written by the client; the web server (server/web/serve.ts) stamps the
  // address it can vouch for, so a forged header moves neither the limiter nor the audit trail.
  test("a client cannot choose the address the limiter counts and the audit trail records", async ({ playwright }) => {
    const spoofed = `203.0.113.${1 + Math.floor(Math.random() * 250)}`;
    const email = `nobody-${unique()}@example.test`;
    const ctx = await playwright.request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { "x-forwarded-for": spoofed } });
    try {
      expect((await signIn(ctx, email, "wrong")).ok).toBe(false);
    } finally {
      await ctx.dispose();
    }
    const recorded = await sql<{ sourceIp: string | null }>(`SELECT "sourceIp" FROM "AuditEvent" WHERE "actorLabel" = $1`, [email]);
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.map((r) => r.sourceIp)).not.toContain(spoofed);
  });
});

test.describe("API tokens", () => {
  test("create, use with Authorization: Bearer, revoke, then 401", async ({ as, playwright }) => {
    const admin = await as(ADMIN);
    const created = await admin.post(`/api/v1/tenants/${OWN_TENANT}/tokens`, { data: { name: `e2e-${unique()}`, roles: ["viewer"], expiresInDays: 1 } });
    expect(created.status()).toBe(201);
    const { id, token, prefix } = (await created.json()) as { id: string; token: string; prefix: string };
    expect(token).toMatch(/^fg_[A-Za-z0-9_-]{20,}$/);
    expect(token.startsWith(prefix)).toBe(true);

    // The secret is shown once: lists and the database hold only its prefix and hash.
    const list = await (await admin.get(`/api/v1/tenants/${OWN_TENANT}/tokens`)).text();
    expect(list).toContain(id);
    expect(list).not.toContain(token);
    const stored = await sql<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "ApiToken" t WHERE id = $1`, [id]);
    expect(stored[0]!.row).not.toContain(token);

    const bearer = await playwright.request.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    try {
      const me = await bearer.get(`/api/v1/tenants/${OWN_TENANT}`);
      expect(me.status()).toBe(200);
      expect(((await me.json()) as { permissions: string[] }).permissions).toContain("repository.read");
      expect((await bearer.get(`/api/v1/tenants/${OWN_TENANT}/repositories`)).status()).toBe(200);
      await expectError(await bearer.get(`/api/v1/tenants/${OWN_TENANT}/members`), 403, "missing permission member.read");
      const used = await sql<{ lastUsedAt: Date | null }>(`SELECT "lastUsedAt" FROM "ApiToken" WHERE id = $1`, [id]);
      expect(used[0]!.lastUsedAt).not.toBeNull();

      const revoked = await admin.delete(`/api/v1/tenants/${OWN_TENANT}/tokens/${id}`);
      expect(revoked.status()).toBe(200);
      expect(((await revoked.json()) as { status: string }).status).toBe("revoked");

      await expectError(await bearer.get(`/api/v1/tenants/${OWN_TENANT}`), 401, "the API token is invalid, revoked or expired");
      // Revoking twice is a conflict, not a second change.
      await expectError(await admin.delete(`/api/v1/tenants/${OWN_TENANT}/tokens/${id}`), 409);
    } finally {
      await bearer.dispose();
    }
  });

  test("a bad Authorization header is refused, and never falls back to the session", async ({ as }) => {
    const admin = await as(ADMIN);
    for (const header of ["Bearer fg_not-a-real-token", "Bearer", "Basic dXNlcjpwYXNz", "fg_something", `Bearer fg_${"x".repeat(43)}`]) {
      await expectError(await admin.get(`/api/v1/tenants/${OWN_TENANT}`, { headers: { authorization: header } }), 401);
    }
  });
});

test.describe("the sign-in form", () => {
  test("a wrong password shows the message; the right one opens the page asked for", async ({ as, page }) => {
    const { email } = await newAccount(new Factory(as));
    await page.goto(`/${OWN_TENANT}/admin/teams?q=x`);
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: INVALID })).toBeVisible();
    await expect(page).toHaveURL(/\/signin/);

    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${OWN_TENANT}/admin/teams\\?q=x$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Teams");
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"));
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
  });
});
