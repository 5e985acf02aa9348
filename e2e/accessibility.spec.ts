// axe on every main screen, as the person who can see the most of it; serious and critical
// violations fail the test.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { OWN_TENANT, PLATFORM_ADMIN, ROLE_USERS, storageStateOf, tenantAdmin } from "./fixtures";
import { policyActivation } from "./support/approvals";
import { sql } from "./support/db";
import { SCREENS, SUB_SCREENS } from "./support/screens";

async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const summary = serious.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")})`);
  expect(summary, `axe on ${what}`).toEqual([]);
}

test.describe("signed in as the tenant admin", () => {
  test.use({ storageState: storageStateOf(tenantAdmin(OWN_TENANT)) });
  for (const s of [...SCREENS, ...SUB_SCREENS]) {
    test(`${s.label} (/${OWN_TENANT}${s.path})`, async ({ page }) => {
      await page.goto(`/${OWN_TENANT}${s.path}`);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSeriousViolations(page, s.label);
    });
  }

  test("the Invite member dialog", async ({ page }) => {
    await page.goto(`/${OWN_TENANT}/admin/members`);
    await page.getByRole("button", { name: "Invite member" }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await expectNoSeriousViolations(page, "Invite member dialog");
  });

  test("the Add team member dialog", async ({ page }) => {
    await page.goto(`/${OWN_TENANT}/admin/teams`);
    await page.getByRole("button", { name: /^Add a member to team/ }).first().click();
    await expect(page.getByRole("dialog").getByLabel("Person")).toBeVisible();
    await expectNoSeriousViolations(page, "Add team member dialog");
  });

  test("not found", async ({ page }) => {
    await page.goto(`/${OWN_TENANT}/no-such-screen`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expectNoSeriousViolations(page, "not found");
  });
});

test.describe("signed in as the policy admin", () => {
  test.use({ storageState: storageStateOf(ROLE_USERS[OWN_TENANT].policy_admin) });
  const policyPath = async () => {
    const [doc] = await sql<{ id: string }>(`SELECT id FROM "PolicyDocument" WHERE name = 'platform-tool-calls'`);
    return `/${OWN_TENANT}/policies/${doc!.id}`;
  };

  test("Policies", async ({ page }) => {
    await page.goto(`/${OWN_TENANT}/policies`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Policies");
    await expectNoSeriousViolations(page, "Policies");
  });

  test("New policy, with its preview", async ({ page }) => {
    await page.goto(`/${OWN_TENANT}/policies/new`);
    await expect(page.getByRole("region", { name: "Test matrix" })).toBeVisible();
    await expectNoSeriousViolations(page, "New policy");
  });

  test("a policy's editor and history", async ({ page }) => {
    const path = await policyPath();
    await page.goto(path);
    await expect(page.getByRole("region", { name: "Test matrix" })).toBeVisible();
    await expectNoSeriousViolations(page, "policy editor");
    await page.goto(`${path}?tab=history`);
    await expect(page.getByRole("heading", { name: "Versions", exact: true })).toBeVisible();
    await expectNoSeriousViolations(page, "policy history");
  });
});

test.describe("approvals, signed in as the platform admin", () => {
  test.use({ storageState: storageStateOf(PLATFORM_ADMIN) });

  test("a pending request with its diff, and after approving it", async ({ page }) => {
    const { approval } = await policyActivation(ROLE_USERS[OWN_TENANT].policy_admin, { activeFirst: { approver: PLATFORM_ADMIN } });
    await page.goto(`/${OWN_TENANT}/approvals/${approval.id}`);
    await expect(page.getByRole("region", { name: "Policy: v1 to v2" })).toBeVisible();
    await expectNoSeriousViolations(page, "approval request");
    await page.getByRole("button", { name: /^Approve/ }).click();
    await expect(page.getByRole("region", { name: "Approved" })).toBeVisible();
    await expectNoSeriousViolations(page, "approved request");
  });

  test("the inbox", async ({ page }) => {
    await page.goto(`/${OWN_TENANT}/approvals`);
    await expect(page.getByRole("table").or(page.getByText("Nothing waits for you"))).toBeVisible();
    await expectNoSeriousViolations(page, "approvals inbox");
  });
});

test("sign-in page", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expectNoSeriousViolations(page, "sign-in page");
});
