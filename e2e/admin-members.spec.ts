// A tenant admin adds a member and changes their roles through the console; both changes are
// in the database and in the audit log, attributed to the admin.
import { expect, test } from "@playwright/test";
import { OWN_TENANT, storageStateOf, tenantAdmin } from "./fixtures";
import { unique } from "./support/api";
import { sql } from "./support/db";

const ADMIN = tenantAdmin(OWN_TENANT);
test.use({ storageState: storageStateOf(ADMIN) });

test("add a member, change their roles, find both in the audit log", async ({ page }) => {
  const email = `ui-${unique()}@example.test`;
  const name = `Ui Person ${unique().slice(0, 4)}`;

  await page.goto(`/${OWN_TENANT}/admin/members`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Members & roles");

  // Add: e-mail, name, roles Viewer + Operator.
  await page.getByRole("button", { name: "Add member" }).click();
  const add = page.getByRole("dialog", { name: "Add member" });
  await add.getByLabel("E-mail").fill(email);
  await add.getByLabel("Name").fill(name);
  await expect(add.getByRole("checkbox", { name: /^Viewer/ })).toBeChecked();
  await add.getByRole("checkbox", { name: /^Operator/ }).check();
  await add.getByRole("button", { name: "Add member" }).click();
  await expect(add).toBeHidden();
  await expect(page.getByRole("status")).toContainText(`${email} was added.`);
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText(name);
  await expect(row).toContainText("Viewer");
  await expect(row).toContainText("Operator");

  const [membership] = await sql<{ id: string; roles: string[] }>(
    `SELECT m.id, m.roles FROM "Membership" m JOIN "User" u ON u.id = m."userId" JOIN "Tenant" t ON t.id = m."tenantId" WHERE u.email = $1 AND t.slug = $2`,
    [email, OWN_TENANT],
  );
  expect(membership?.roles.sort()).toEqual(["operator", "viewer"]);

  // Change roles: drop Viewer and Operator, give Auditor.
  await row.getByRole("button", { name: `Edit roles of ${email}` }).click();
  const edit = page.getByRole("dialog", { name: `Edit roles of ${name}` });
  await edit.getByRole("checkbox", { name: /^Viewer/ }).uncheck();
  await edit.getByRole("checkbox", { name: /^Operator/ }).uncheck();
  await edit.getByRole("checkbox", { name: /^Auditor/ }).check();
  await edit.getByRole("button", { name: "Save roles" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole("status")).toContainText(`Roles of ${email} were updated.`);
  await expect(row).toContainText("Auditor");
  await expect(row).not.toContainText("Operator");
  const [after] = await sql<{ roles: string[] }>(`SELECT roles FROM "Membership" WHERE id = $1`, [membership!.id]);
  expect(after!.roles).toEqual(["auditor"]);

  // The audit log, filtered by the membership, shows both changes by the admin.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  await page.getByLabel("Resource id").fill(membership!.id);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`resourceId=${membership!.id}`));
  const events = page.getByRole("table").getByRole("row").filter({ hasText: membership!.id });
  await expect(events).toHaveCount(2);
  await expect(events.nth(0)).toContainText("member.update_roles");
  await expect(events.nth(1)).toContainText("member.add");
  for (const i of [0, 1]) await expect(events.nth(i)).toContainText(ADMIN.email);

  // The role change's detail page shows before and after.
  await events.nth(0).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Audit event #\d+$/);
  await expect(page.getByText('"auditor"').first()).toBeVisible();
});
