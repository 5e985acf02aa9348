// A tenant admin sets the tenant's model endpoint in the console: a bad base URL is refused next to
// its field, a good one is saved with a key, the key shows only as "configured", and neither the
// page (HTML, after a reload too) nor any API answer the browser received ever carries it; the
// stored row holds it sealed and the audit trail says only that it changed. Then it is removed.
//
// globex, not acme: the authorization matrix changes acme's endpoint with many callers at once.
import { expect, test, type Page } from "@playwright/test";
import { FOREIGN_TENANT, storageStateOf, tenantAdmin } from "./fixtures";
import { sql } from "./support/db";
import { expectNoSeriousViolations } from "./support/axe";

const TENANT = FOREIGN_TENANT;
const KEY = `sk-e2e-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;

test.describe.configure({ mode: "serial" });
test.use({ storageState: storageStateOf(tenantAdmin(TENANT)) });

/** Every answer the browser gets from the API and the pages, kept to search for the key. */
function recordBodies(page: Page): string[] {
  const bodies: string[] = [];
  page.on("response", (res) => {
    const type = res.headers()["content-type"] ?? "";
    if (/json|html|text\/x-component|javascript/.test(type)) void res.text().then((t) => bodies.push(`${res.url()}\n${t}`), () => undefined);
  });
  return bodies;
}

test("a tenant admin sets the model endpoint and its key; the key is shown only as configured and never sent back", async ({ page }) => {
  test.slow(); // three saves, a reload and two accessibility scans
  await page.request.delete(`/api/v1/tenants/${TENANT}/model-endpoint`);
  const bodies = recordBodies(page);

  await page.goto(`/${TENANT}`);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Model endpoint" }).click();
  await expect(page).toHaveURL(new RegExp(`/${TENANT}/admin/model-endpoint$`), { timeout: 15_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Model endpoint" })).toBeVisible();
  await expect(page.getByText("No model endpoint yet")).toBeVisible();
  await expectNoSeriousViolations(page, "model endpoint (none set)");

  // Plain http to a public host and too many turns: each refused next to its field, nothing saved.
  await page.getByRole("textbox", { name: "Base URL" }).fill("http://models.example.test/v1");
  await page.getByRole("textbox", { name: "Model" }).fill("gpt-4o-mini");
  await page.getByLabel(/^API key/).fill(KEY);
  await page.getByRole("spinbutton", { name: "Turns" }).fill("500");
  await page.getByRole("button", { name: "Save endpoint" }).click();
  await expect(page.getByRole("spinbutton", { name: "Turns" })).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#model-max-turns-error")).toContainText("200");
  await expect(page.getByRole("textbox", { name: "Base URL" })).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#model-base-url-error")).toContainText("must use https");
  expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "ModelEndpoint" m JOIN "Tenant" t ON t.id = m."tenantId" WHERE t.slug = $1`, [TENANT]))[0]!.n).toBe(0);

  await page.getByRole("spinbutton", { name: "Turns" }).fill("30");
  await page.getByRole("textbox", { name: "Base URL" }).fill("https://models.example.test/v1");
  await page.getByRole("button", { name: "Save endpoint" }).click();
  await expect(page.getByText("Model endpoint saved; the key is configured")).toBeVisible();
  await expect(page.getByTestId("model-key-state")).toHaveText("configured");
  await expect(page.getByText("https://models.example.test/v1", { exact: true })).toBeVisible();
  // The key field is emptied once the server has the key, and says a blank keeps it.
  await expect(page.getByLabel(/^API key/)).toHaveValue("");
  await expect(page.getByLabel(/^API key/)).toHaveAttribute("placeholder", "Leave blank to keep the configured key");
  await expectNoSeriousViolations(page, "model endpoint (configured)");
  await page.screenshot({ path: test.info().outputPath("model-endpoint.png") });

  // A change without a key keeps it.
  await page.getByRole("spinbutton", { name: "Max output tokens" }).fill("8192");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("model-key-state")).toHaveText("configured");
  await expect(page.getByText("8,192")).toBeVisible();

  await page.reload();
  await expect(page.getByTestId("model-key-state")).toHaveText("configured");
  expect(await page.content()).not.toContain(KEY);
  const api = await page.request.get(`/api/v1/tenants/${TENANT}/model-endpoint`);
  expect(await api.json()).toMatchObject({ endpoint: { baseUrl: "https://models.example.test/v1", model: "gpt-4o-mini", keyConfigured: true, maxTurns: 30, maxOutputTokens: 8192 } });
  bodies.push(await api.text());
  await expect.poll(() => bodies.length).toBeGreaterThan(3);
  for (const b of bodies) expect(b, b.split("\n")[0]).not.toContain(KEY);

  const [row] = await sql<{ keySealed: string }>(`SELECT m."keySealed" FROM "ModelEndpoint" m JOIN "Tenant" t ON t.id = m."tenantId" WHERE t.slug = $1`, [TENANT]);
  expect(row!.keySealed).toMatch(/^v1\./);
  expect(row!.keySealed).not.toContain(KEY);
  const audit = await sql<{ payload: string }>(
    `SELECT row_to_json(a)::text AS payload FROM "AuditEvent" a JOIN "Tenant" t ON t.id = a."tenantId" WHERE t.slug = $1 AND a.action = 'model_endpoint.set' ORDER BY a.seq DESC LIMIT 2`, [TENANT],
  );
  expect(audit).toHaveLength(2);
  expect(audit[1]!.payload).toMatch(/"keyChanged":\s*true/);
  expect(audit[0]!.payload).toMatch(/"keyChanged":\s*false/);
  for (const a of audit) expect(a.payload).not.toContain(KEY);

  // Removing asks first; then the tenant has none again.
  await page.getByRole("button", { name: "Remove model endpoint" }).click();
  await page.getByRole("dialog", { name: "Remove the model endpoint?" }).getByRole("button", { name: "Remove endpoint" }).click();
  await expect(page.getByText("No model endpoint yet")).toBeVisible();
  expect(await (await page.request.get(`/api/v1/tenants/${TENANT}/model-endpoint`)).json()).toEqual({ endpoint: null });
});
