// axe on what the screens open into (dialogs, the policy editor, an approval before and after a
// vote, the sign-in and not-found pages); serious and critical violations fail the test. Every main
// screen itself is checked where it is opened cleanly under the CSP (security-headers.spec.ts).
import { expect, test, type Page } from "@playwright/test";
import { OWN_TENANT, PLATFORM_ADMIN, ROLE_USERS, storageStateOf, tenantAdmin } from "./fixtures";
import { policyActivation } from "./support/approvals";
import { sql } from "./support/db";
import { expectNoSeriousViolations } from "./support/axe";

test.describe("signed in as the tenant admin", () => {
  test.use({ storageState: storageStateOf(tenantAdmin(OWN_TENANT)) });

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
