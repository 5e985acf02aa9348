// A tenant admin stops work on one repository with a kill switch from the console: an operator's
// task there is refused naming the switch until the admin releases it. A tenant-wide switch is
// confirmed before it is set, and its release waits for approval (in a tenant of the test's own,
// so no other journey finds its tenant stopped).
import { expect, test } from "@playwright/test";
import { OWN_TENANT, ROLE_USERS, storageStateOf, tenantAdmin } from "./fixtures";
import { unique } from "./support/api";
import { expectNoSeriousViolations } from "./support/axe";
import { sql } from "./support/db";
import { fillRecipe, freshRepository, ownTenant, recipe } from "./support/runs";

const T = OWN_TENANT;

test("a repository kill switch refuses an operator's task there, naming the switch, until it is released", async ({ browser }) => {
  const repo = await freshRepository("kill-switch");
  const reason = `e2e incident ${unique()}`;
  const admin = await (await browser.newContext({ storageState: storageStateOf(tenantAdmin(T)) })).newPage();
  await admin.goto(`/${T}/kill-switches`);
  await expect(admin.getByRole("heading", { level: 1, name: "Kill switches" })).toBeVisible();
  await admin.getByRole("button", { name: "Set a kill switch" }).click();
  const dialog = admin.getByRole("dialog", { name: "Set a kill switch" });
  await expect(dialog.getByLabel("Level")).toHaveValue("repository");
  await dialog.getByLabel("Repository").selectOption({ label: repo.fullName });
  await expect(dialog.getByRole("checkbox", { name: /No new runs/ })).toBeChecked();
  await expectNoSeriousViolations(admin, "the set dialog");
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: "Set kill switch" }).click();
  await expect(dialog).toBeHidden();
  const row = admin.getByRole("row").filter({ hasText: reason });
  await expect(row).toContainText(repo.fullName);
  await expect(row).toContainText("No new runs");

  // The operator's task on that repository is refused, and the form says by which switch.
  const operator = await (await browser.newContext({ storageState: storageStateOf(ROLE_USERS[T].operator) })).newPage();
  await operator.goto(`/${T}/runs/new?repositoryId=${repo.id}`);
  await expect(operator.getByLabel("Repository")).toHaveValue(repo.id);
  await fillRecipe(operator, recipe("bump-semver-minor"));
  await operator.getByLabel("Task class").selectOption("dependency_patch_minor");
  await operator.getByLabel("Instruction").fill("e2e: bump semver where a switch is set");
  await operator.getByRole("button", { name: "Start task" }).click();
  const refusal = operator.getByRole("alert").filter({ hasText: "The task was not started" });
  await expect(refusal).toContainText(`kill switch (repository ${repo.id}) set by ${tenantAdmin(T).email}: ${reason}`);

  // Released from the console: a repository switch needs no approval.
  await row.getByRole("button", { name: /^Release/ }).click();
  const release = admin.getByRole("dialog", { name: /^Release the Repository/ });
  await release.getByLabel("Reason").fill("incident over");
  await release.getByRole("button", { name: "Release" }).click();
  await expect(release).toBeHidden();
  await expect(admin.getByRole("status").filter({ hasText: "kill switch is released" })).toBeVisible();
  await expect(admin.getByRole("row").filter({ hasText: reason })).toHaveCount(0);
  await admin.goto(`/${T}/kill-switches?state=released`);
  await expect(admin.getByRole("row").filter({ hasText: reason })).toContainText("incident over");
  const [stored] = await sql<{ releasedAt: Date | null }>(`SELECT "releasedAt" FROM "KillSwitch" WHERE target = $1`, [repo.id]);
  expect(stored?.releasedAt).not.toBeNull();

  // The same task is accepted now.
  await operator.getByRole("button", { name: "Start task" }).click();
  await expect(operator).toHaveURL(new RegExp(`/${T}/runs/c[a-z0-9]{20,}$`));
});

test("a tenant-wide kill switch is confirmed before it is set, and its release waits for approval", async ({ browser }) => {
  const own = await ownTenant("kill");
  const reason = `e2e tenant stop ${unique()}`;
  const page = await (await browser.newContext({ storageState: storageStateOf(own.admin.email) })).newPage();
  await page.goto(`/${own.slug}/kill-switches`);
  await page.getByRole("button", { name: "Set a kill switch" }).click();
  const dialog = page.getByRole("dialog", { name: "Set a kill switch" });
  await dialog.getByLabel("Level").selectOption("tenant");
  await dialog.getByRole("checkbox", { name: /Stop running runs/ }).check();
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: "Continue" }).click();
  // Nothing is set before the second, explicit confirmation.
  await expect(dialog.getByText(/^This stops all of E2E kill/)).toBeVisible();
  expect(await sql(`SELECT id FROM "KillSwitch" WHERE reason = $1`, [reason])).toHaveLength(0);
  await dialog.getByRole("button", { name: /^Yes, stop all of/ }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("row").filter({ hasText: reason });
  await expect(row).toContainText("Tenant-wide");
  await expect(row).toContainText("Stop running runs");

  await row.getByRole("button", { name: /^Release/ }).click();
  const release = page.getByRole("dialog", { name: /^Release the Tenant-wide/ });
  await release.getByLabel("Reason").fill("all clear");
  await release.getByRole("button", { name: "Release" }).click();
  await expect(release).toBeHidden();
  const link = page.getByRole("status").filter({ hasText: "waits for approval" }).getByRole("link", { name: "Open the approval request" });
  await expect(link).toHaveAttribute("href", new RegExp(`^/${own.slug}/approvals/[a-z0-9]+$`));
  const [approval] = await sql<{ id: string; kind: string; state: string }>(`SELECT id, kind, state FROM "ApprovalRequest" WHERE "subjectType" = 'killswitch' AND "subjectId" = (SELECT id FROM "KillSwitch" WHERE reason = $1)`, [reason]);
  expect(approval).toMatchObject({ kind: "killswitch_release", state: "pending" });
  await expect(link).toHaveAttribute("href", `/${own.slug}/approvals/${approval!.id}`);
  // Still set, with the pending release linked from its row.
  await expect(row).toContainText("release pending");
  await expect(row.getByRole("button", { name: /^Release/ })).toHaveCount(0);
  await row.getByRole("link", { name: "Approval request" }).click();
  await expect(page).toHaveURL(new RegExp(`/${own.slug}/approvals/${approval!.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Release kill switch (tenant)");
});
