// Single sign-on through a real OpenID Connect provider on loopback (e2e/support/oidc-idp.ts):
// only people an admin invited get in; the first sign-in of an invited address makes its account,
// linked to the provider's subject, and the person joins the tenant by accepting the invitation.
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { OWN_TENANT, tenantAdmin } from "./fixtures";
import { expect, test } from "./support/api";
import { sql } from "./support/db";

async function signInThroughProvider(page: Page, login: string) {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with Acme SSO" }).click();
  // node-oidc-provider's development login and consent screens
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.locator('button[type="submit"]').click();
  const consent = page.locator('button[type="submit"]', { hasText: /continue/i });
  if (await consent.isVisible({ timeout: 3000 }).catch(() => false)) await consent.click();
}

test.describe("single sign-on", () => {
  test("an invited person signs in through the provider, accepts, and lands in their tenant", async ({ page, as }) => {
    const email = `sso-${randomUUID().slice(0, 8)}@acme.test`;
    const admin = await as(tenantAdmin(OWN_TENANT));
    const invited = await admin.post(`/api/v1/tenants/${OWN_TENANT}/members`, { data: { email, roles: ["viewer"] } });
    expect(invited.status()).toBe(201);

    await signInThroughProvider(page, email);
    await page.waitForURL(/\/no-tenant$/);
    await page.getByRole("listitem", { name: "Invitation to Acme Corp" }).getByRole("button", { name: /^Accept/ }).click();
    await page.waitForURL(new RegExp(`/${OWN_TENANT}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Acme");

    const [user] = await sql<{ id: string; oidcSubject: string | null }>(`SELECT id, "oidcSubject" FROM "User" WHERE email = $1`, [email]);
    expect(user?.oidcSubject).toBe(email);
    const actions = await sql<{ action: string }>(`SELECT action FROM "AuditEvent" WHERE "actorId" = $1 ORDER BY id`, [user!.id]);
    expect(actions.map((a) => a.action)).toEqual(["user.create", "auth.sign_in", "invitation.accept", "member.add"]);
  });

  test("someone the provider knows but no admin added is turned away", async ({ page }) => {
    const email = `stranger-${randomUUID().slice(0, 8)}@elsewhere.test`;
    await signInThroughProvider(page, email);
    await page.waitForURL(/\/signin/);
    await expect(page.getByRole("alert").filter({ hasText: "Your single sign-on account is not set up" })).toBeVisible();
    expect(await sql(`SELECT 1 FROM "User" WHERE email = $1`, [email])).toHaveLength(0);
  });
});
