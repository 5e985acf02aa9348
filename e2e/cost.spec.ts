// Cost, as its people use it (issue 16): a tenant admin sets a hard per-run budget in the console; a
// model run (the real worker against a scripted model server on loopback, every request carrying
// max_tokens) is stopped before the request that would pass it, ending budget_exhausted with the
// budget named and its spend at or under the limit; the run page and the cost page show the spend;
// an auditor downloads the CSV behind a chart. In a tenant of its own, whose model endpoint and
// budgets touch no other spec.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { formatMoney, microsToDecimal } from "../server/cost/money";
import { startScriptedModelServer, step, type ScriptedModelServer } from "../server/agent/testing/scripted-model-server";
import { storageStateOf } from "./fixtures";
import { expectNoSeriousViolations } from "./support/axe";
import { costTenant, localRepository } from "./support/cost";
import { sql } from "./support/db";

const LIMIT = "0.003";
const LIMIT_MICROS = 3_000;
const BUDGET = "E2E run cap";

let model: ScriptedModelServer;
test.afterAll(async () => { await model?.close(); });

test("a hard run budget stops a model run at its limit; the run and cost pages show the spend; an auditor downloads the CSV", async ({ browser }) => {
  test.setTimeout(120_000);
  const tenant = await costTenant();
  const repo = await localRepository(tenant.slug);
  // Every answer lists files and asks for more: only the budget ends this run.
  model = await startScriptedModelServer(Array.from({ length: 30 }, () => step.call("list_files", { path: "." }, { promptTokens: 800, completionTokens: 400 })));

  const admin = await browser.newContext({ storageState: storageStateOf(tenant.adminEmail) });
  const page = await admin.newPage();
  const endpoint = await page.request.put(`/api/v1/tenants/${tenant.slug}/model-endpoint`, {
    data: { baseUrl: model.url, model: "gpt-4o-mini", apiKey: "sk-e2e-cost", maxOutputTokens: 1_000 },
  });
  expect(endpoint.status(), await endpoint.text()).toBe(200);

  // The tenant admin sets the budget in the console.
  await page.goto(`/${tenant.slug}/admin/budgets`);
  await expect(page.getByRole("heading", { level: 1, name: "Budgets" })).toBeVisible();
  await page.getByRole("button", { name: "New budget" }).click();
  const dialog = page.getByRole("dialog", { name: "New budget" });
  await dialog.getByLabel("Name").fill(BUDGET);
  await dialog.getByLabel("Covers").selectOption("run");
  await expect(dialog.getByLabel("Period")).toHaveValue("run");
  await expect(dialog.getByLabel("Alert at (% of the limit)")).toHaveValue("");
  await dialog.getByLabel("When the limit is reached").selectOption("hard");
  await dialog.getByLabel("A run it stops").selectOption("fail");
  // A limit of zero is refused next to its field, and nothing is saved.
  await dialog.getByLabel("Limit (USD)").fill("0");
  await dialog.getByRole("button", { name: "Create budget" }).click();
  await expect(dialog.locator("#budget-new-limit-error")).toBeVisible();
  await dialog.getByLabel("Limit (USD)").fill(LIMIT);
  await expectNoSeriousViolations(page, "the new budget dialog");
  await dialog.getByRole("button", { name: "Create budget" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole("row", { name: new RegExp(BUDGET) });
  await expect(row).toContainText("Each run");
  await expect(row).toContainText("$0.003");

  // A model task; the worker reserves before every request and stops at the budget.
  const created = await page.request.post(`/api/v1/tenants/${tenant.slug}/tasks`, {
    data: { repositoryId: repo.id, taskClass: "refactor", instruction: "Tidy the project (e2e: the budget ends this run)", agent: { kind: "model" } },
  });
  expect(created.status(), await created.text()).toBe(201);
  const task = (await created.json()) as { runId: string; state: string };
  expect(task.state).toBe("queued");
  const run = { id: task.runId };
  await page.goto(`/${tenant.slug}/runs/${run.id}`);
  await expect(page.getByTestId("run-state")).toHaveAttribute("data-state", "failed", { timeout: 60_000 });
  await expect(page.getByText("Budget exhausted").first()).toBeVisible();
  await expect(page.getByText(new RegExp(`hard run budget "${BUDGET}"`)).first()).toBeVisible();

  const [stored] = await sql<{ costMicros: string; failureClass: string; modelCalls: number }>(
    `SELECT "costMicros"::text, "failureClass"::text, "modelCalls" FROM "Run" WHERE id = $1`, [run.id]);
  expect(stored!.failureClass).toBe("budget_exhausted");
  const spent = Number(stored!.costMicros);
  expect(spent).toBeGreaterThan(0);
  expect(spent).toBeLessThanOrEqual(LIMIT_MICROS);
  expect(stored!.modelCalls).toBeGreaterThanOrEqual(1);
  expect(model.requests.length).toBe(stored!.modelCalls);
  for (const r of model.requests) expect((r.body as { max_tokens?: number }).max_tokens).toBe(1_000);
  const held = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM "CostReservation" WHERE "runId" = $1 AND state = 'held'`, [run.id]);
  expect(held[0]!.n).toBe(0);

  const spentText = formatMoney(BigInt(spent), "USD");
  // The run page: what it cost and the budget it drew on.
  const runCost = page.getByRole("region", { name: "Cost of this run" });
  await expect(runCost).toContainText(spentText);
  await expect(runCost).toContainText(BUDGET);
  await expectNoSeriousViolations(page, "a run stopped by its budget");

  // The cost page: the tenant's spend is this run's.
  await page.goto(`/${tenant.slug}/cost`);
  await expect(page.getByRole("heading", { level: 1, name: "Cost" })).toBeVisible();
  await expect(page.getByText(`${spentText} spent from`)).toBeVisible();
  await expect(page.getByRole("region", { name: "Costliest runs", exact: true })).toContainText(repo.fullName);
  await expectNoSeriousViolations(page, "the cost page");
  await page.screenshot({ path: test.info().outputPath("cost.png"), fullPage: true });
  await admin.close();

  // An auditor downloads the table behind the costliest-runs chart.
  const auditor = await browser.newContext({ storageState: storageStateOf(tenant.auditorEmail) });
  const audit = await auditor.newPage();
  await audit.goto(`/${tenant.slug}/cost`);
  const download = audit.waitForEvent("download");
  await audit.getByRole("link", { name: "Download CSV: costliest runs" }).click();
  const file = await (await download).path();
  const lines = readFileSync(file!, "utf8").trim().split(/\r?\n/);
  expect(lines[0]).toBe("rank,run_id,repository,task_class,state,finished_at,amount,currency");
  expect(lines[1]).toMatch(new RegExp(`^1,${run.id},${repo.fullName},refactor,failed,[^,]+,${microsToDecimal(BigInt(spent)).replace(".", "\\.")},USD$`));
  await auditor.close();
});
