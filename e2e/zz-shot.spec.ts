import { test } from "@playwright/test";
import { ROLE_USERS, storageStateOf } from "./fixtures";
import { sql } from "./support/db";
test.use({ storageState: storageStateOf(ROLE_USERS.acme.tenant_admin) });
test("shots", async ({ page }) => {
  test.setTimeout(120_000);
  for (const [name, path] of [["cost", "/acme/cost"], ["budgets", "/acme/admin/budgets"], ["prices", "/acme/admin/prices"], ["cost-repo", "/acme/cost?groupBy=model"]]) {
    await page.goto(path!);
    await page.waitForTimeout(2500);
    await page.screenshot({ path: `/tmp/shot-${name}.png`, fullPage: true });
  }
  const [r] = await sql<{ id: string }>(`SELECT r.id FROM "Run" r JOIN "Tenant" t ON t.id = r."tenantId" WHERE t.slug = 'acme' AND r."failureClass" = 'budget_exhausted' LIMIT 1`);
  await page.goto(`/acme/runs/${r!.id}`);
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `/tmp/shot-run.png`, fullPage: true });
  const [c] = await sql<{ id: string }>(`SELECT c.id FROM "Campaign" c JOIN "Tenant" t ON t.id = c."tenantId" WHERE t.slug = 'acme' AND c.name = 'timeout-ms-config-key'`);
  await page.goto(`/acme/campaigns/${c!.id}`);
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `/tmp/shot-campaign.png`, fullPage: true });
});
