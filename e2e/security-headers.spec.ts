// The browser's side of security: the headers on pages and API answers, a console that no other
// page can frame, cookie-authenticated changes refused when another page sends them, and every
// console screen working under its Content-Security-Policy (no console errors, no violations) and
// passing axe, each opened once for both.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, OWN_TENANT, permissionsIn, ROLE_USERS, storageStateOf, tenantAdmin } from "./fixtures";
import { expectNoSeriousViolations } from "./support/axe";
import { sql } from "./support/db";
import { BASE_URL } from "./support/env";
import { watchProblems } from "./support/page-problems";
import { SCREENS, SUB_SCREENS } from "./support/screens";

const admin = tenantAdmin(OWN_TENANT);
/**
 * A page on another origin of the console's own site (same host, another port): its requests carry
 * the console's SameSite=Lax cookie, so only the server's own checks stand in the way. A real server
 * on loopback, so the browser treats it as the local page it is.
 */
async function otherOrigin(html: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const directives = (policy: string) => new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([n, ...v]) => [n!, v]));

/** The page ran Next's scripts: a page whose scripts the policy refused still shows its server HTML. */
async function expectHydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => typeof (window as unknown as { next?: { version?: string } }).next?.version === "string");
}

/** Opens a screen, waits until its scripts ran and its requests settled, and says what went wrong. */
async function openCleanly(page: Page, problems: string[], path: string): Promise<void> {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectHydrated(page);
  await page.waitForLoadState("networkidle");
  expect(problems, path).toEqual([]);
}

test.describe("headers", () => {
  test.use({ storageState: storageStateOf(admin) });

  test("a console page: a nonce policy its own scripts carry, fresh per response, and the other headers", async ({ page }) => {
    const res = await page.goto(`/${OWN_TENANT}`);
    const h = res!.headers();
    const csp = directives(h["content-security-policy"] ?? "");
    const nonce = /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(csp.get("script-src")?.find((v) => v.startsWith("'nonce-")) ?? "")?.[1];
    expect(nonce, h["content-security-policy"]).toBeTruthy();
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
    expect(csp.get("script-src")).not.toContain("'unsafe-eval'");
    expect(csp.get("style-src")).not.toContain("'unsafe-inline'");
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["permissions-policy"]).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
    // Served over plain http: no HSTS, no upgrade.
    expect(h["strict-transport-security"]).toBeUndefined();
    expect(csp.has("upgrade-insecure-requests")).toBe(false);
    // Next put this response's nonce on its scripts; the next response has another.
    const html = await res!.text();
    expect(html).toContain(`nonce="${nonce}"`);
    expect((await page.request.get(`/${OWN_TENANT}`)).headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
  });

  test("an API answer and an API error: a policy that loads and runs nothing, and the other headers", async ({ request }) => {
    for (const path of [`/api/v1/tenants/${OWN_TENANT}`, "/api/v1/no-such-thing", "/api/health"]) {
      const h = (await request.get(path)).headers();
      expect(directives(h["content-security-policy"] ?? "").get("default-src"), path).toEqual(["'none'"]);
      expect(directives(h["content-security-policy"] ?? "").get("frame-ancestors"), path).toEqual(["'none'"]);
      expect(h["x-frame-options"], path).toBe("DENY");
      expect(h["x-content-type-options"], path).toBe("nosniff");
      expect(h["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
      expect(h["permissions-policy"], path).toContain("camera=()");
    }
  });

  test("HSTS is not sent because a client claims https: only a trusted proxy may say so", async ({ request }) => {
    const res = await request.get(`/${OWN_TENANT}`, { headers: { "x-forwarded-proto": "https" } });
    expect(res.headers()["strict-transport-security"]).toBeUndefined();
    expect(res.headers()["content-security-policy"]).not.toContain("upgrade-insecure-requests");
  });
});

test.describe("another page", () => {
  test.use({ storageState: storageStateOf(admin) });

  test("cannot frame the signed-in console", async ({ page }) => {
    const other = await otherOrigin(`<title>other</title><iframe src="${BASE_URL}/${OWN_TENANT}"></iframe>`);
    const refused = page.waitForEvent("console", (m) => /frame-ancestors/.test(m.text()));
    // The console answered the frame's request with the signed-in page (the cookie went along)...
    const served = page.waitForResponse((r) => r.url() === `${BASE_URL}/${OWN_TENANT}`);
    await page.goto(`${other.origin}/`);
    expect((await served).status()).toBe(200);
    // ...and the browser refused to show it.
    await refused;
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    expect(frame.url()).not.toBe(`${BASE_URL}/${OWN_TENANT}`);
    await expect(frame.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    await other.close();
  });

  test("cannot make a change with the console's cookie, while the console's own page can", async ({ page }) => {
    const teams = `${BASE_URL}/api/v1/tenants/${OWN_TENANT}/teams`;
    const slug = (s: string) => `xsite-${s}-${Date.now().toString(36)}`;
    const [refusedSlug, allowedSlug] = [slug("other"), slug("own")];
    // The classic forged change: a form another page submits, as text/plain shaped like JSON
    // (a simple request, which needs no CORS preflight).
    const forged = JSON.stringify({ slug: refusedSlug, name: "Forged" }).slice(0, -2);
    const other = await otherOrigin(`<title>other</title><form method="post" enctype="text/plain" action="${teams}">` +
      `<input type="hidden" name='${forged}' value='"}'><button>go</button></form>`);
    await page.goto(`${other.origin}/`);
    const [refused] = await Promise.all([page.waitForResponse((r) => r.url() === teams), page.getByRole("button", { name: "go" }).click()]);
    expect(refused.status()).toBe(403);
    // The refusal names what the browser itself sent (Playwright does not see the headers it adds).
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "forbidden", message: expect.stringContaining("from another site (Sec-Fetch-Site: same-site)"),
    });
    await other.close();

    await page.goto(`${BASE_URL}/${OWN_TENANT}`);
    const status = await page.evaluate(async ([url, body]) => (await fetch(url!, { method: "POST", headers: { "content-type": "application/json" }, body })).status,
      [teams, JSON.stringify({ slug: allowedSlug, name: "Own" })]);
    expect(status).toBe(201);
    const rows = await sql<{ slug: string }>(`SELECT slug FROM "Team" WHERE slug = ANY($1)`, [[refusedSlug, allowedSlug]]);
    expect(rows.map((r) => r.slug)).toEqual([allowedSlug]);
  });
});

test.describe("every console screen works under the policy and passes axe", () => {
  // Each screen as the tenant admin, or else as the first role that may open it.
  for (const s of [...SCREENS, ...SUB_SCREENS]) {
    const who = [admin, ...Object.values(ROLE_USERS[OWN_TENANT])].find((p) => permissionsIn(p, OWN_TENANT)!.has(s.permission))!;
    test.describe(() => {
      test.use({ storageState: storageStateOf(who) });
      test(`${s.label} (/${OWN_TENANT}${s.path}) as ${who.key}`, async ({ page }) => {
        const problems = await watchProblems(page);
        await openCleanly(page, problems, `/${OWN_TENANT}${s.path}`);
        if (s.heading) await expect(page.getByRole("heading", { level: 1 })).toHaveText(s.heading);
        await expectNoSeriousViolations(page, s.label);
      });
    });
  }
});

test.describe("the console's own <style> elements", () => {
  test.use({ storageState: storageStateOf(admin) });

  test("a dialog (its scroll lock adds a <style> with the nonce)", async ({ page }) => {
    const problems = await watchProblems(page);
    await openCleanly(page, problems, `/${OWN_TENANT}/admin/members`);
    await page.getByRole("button", { name: "Invite member" }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await expect.poll(() => page.evaluate(() => [...document.querySelectorAll("style")].filter((s) => !s.nonce).length)).toBe(0);
    expect(problems).toEqual([]);
  });
});

test.describe("the policy editor under the policy", () => {
  test.use({ storageState: storageStateOf(ROLE_USERS[OWN_TENANT].policy_admin) });

  test("CodeMirror styles itself and takes typing", async ({ page }) => {
    const problems = await watchProblems(page);
    await openCleanly(page, problems, `/${OWN_TENANT}/policies/new`);
    const editor = page.locator(".cm-editor").first();
    await expect(editor).toBeVisible();
    // CodeMirror's base theme (display: flex) arrives in a <style> element: refused, the editor would be a plain block.
    expect(await editor.evaluate((el) => getComputedStyle(el).display)).toBe("flex");
    await editor.locator(".cm-content").click();
    await page.keyboard.type("# typed under CSP\n");
    await expect(editor).toContainText("# typed under CSP");
    expect(problems).toEqual([]);
  });
});

test("signing in through the form works under the policy", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = await watchProblems(page);
  await page.goto("/signin");
  await expectHydrated(page);
  await page.getByLabel("E-mail").fill(ROLE_USERS[OWN_TENANT].viewer.email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(problems).toEqual([]);
  await context.close();
});
