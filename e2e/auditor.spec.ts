// An auditor searches the audit trail by action, opens an event and checks its place in the hash
// chain against the database, then verifies the whole chain.
import { expect, test } from "@playwright/test";
import { OWN_TENANT, ROLE_USERS, storageStateOf } from "./fixtures";
import { sql, tenantId } from "./support/db";

test.use({ storageState: storageStateOf(ROLE_USERS[OWN_TENANT].auditor) });

test("filter by action, open an event with its chain position, verify the chain", async ({ page }) => {
  await page.goto(`/${OWN_TENANT}/audit`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");

  await page.getByLabel("Action").fill("repository.create");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]action=repository\.create(&|$)/);
  const rows = page.getByRole("table").locator("tbody tr");
  // The previous page stays on screen until the filtered one arrives: wait for every row to match.
  // (Other specs add repositories meanwhile, so the number of rows is a lower bound only.)
  const expectOnlyFiltered = () =>
    expect(async () => {
      const actions = await rows.locator("td:nth-child(4)").allInnerTexts();
      expect(actions.length).toBeGreaterThanOrEqual(5); // the seed registers acme's repositories (36)
      expect([...new Set(actions)]).toEqual(["repository.create"]);
    }).toPass({ timeout: 7_000 });
  await expectOnlyFiltered();

  // The filter lives in the URL: reloading shows the same view.
  await page.reload();
  await expect(page.getByLabel("Action")).toHaveValue("repository.create");
  await expectOnlyFiltered();
  const count = await rows.count();

  // Open the oldest event on the page.
  const link = rows.nth(count - 1).getByRole("link");
  const seq = Number((await link.innerText()).match(/#(\d+)/)![1]);
  await link.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Audit event #${seq}`);

  const tid = await tenantId(OWN_TENANT);
  const chain = await sql<{ seq: string; hash: string; prevHash: string }>(
    `SELECT seq::text, hash, "prevHash" FROM "AuditEvent" WHERE "tenantId" = $1 AND seq IN ($2, $3) ORDER BY seq`, [tid, seq - 1, seq]);
  const [prev, self] = chain.length === 2 ? chain : [undefined, chain[0]];
  const position = page.locator("div").filter({ has: page.getByRole("heading", { name: "Chain position" }) }).filter({ hasText: "Previous hash" }).last();
  await expect(position).toContainText(`#${seq}`);
  await expect(position).toContainText(self!.hash);
  await expect(position).toContainText(self!.prevHash);
  if (prev) expect(self!.prevHash).toBe(prev.hash);

  // Back to the list, still filtered.
  await page.getByRole("link", { name: "Back to audit log" }).click();
  await expect(page).toHaveURL(/[?&]action=repository\.create(&|$)/);
  await expect(page.getByLabel("Action")).toHaveValue("repository.create");

  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByText("Chain intact")).toBeVisible();
});

test("an invalid filter names the field instead of failing", async ({ page }) => {
  await page.goto(`/${OWN_TENANT}/audit?action=Not%20Valid!`);
  await expect(page.getByText("Check the filters")).toBeVisible();
});
