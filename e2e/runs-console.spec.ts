// An operator's runs: a task started from the console's form with an example recipe on a repository
// of its own (a real clone of a demo remote, run by the real worker in its sandbox), followed in the
// list and on its page without a reload until it succeeds; its diff, boundary report and replay
// package. The form puts the server's refusals next to their field; a viewer may start and cancel
// nothing; a run waiting for approval is cancelled by its requester.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { OWN_TENANT, ROLE_USERS, storageStateOf } from "./fixtures";
import { publishedRun } from "./support/changesets";
import { fillRecipe, freshRepository, recipe } from "./support/runs";
import { expectNoSeriousViolations } from "./support/axe";

const T = OWN_TENANT;
const OPERATOR = ROLE_USERS[T].operator;
const VIEWER = ROLE_USERS[T].viewer;

test.describe("as the operator", () => {
  test.use({ storageState: storageStateOf(OPERATOR) });

  test("starts a task from the form, watches it succeed live, reads its diff and boundary report and downloads its replay package", async ({ page }) => {
    test.setTimeout(90_000);
    const repo = await freshRepository("runs-console");
    await page.goto(`/${T}/runs`);
    await page.getByRole("link", { name: "New task" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "New task" })).toBeVisible();
    await page.getByLabel("Start from an example recipe").selectOption("bump-semver-minor");
    await expect(page.getByLabel("Recipe", { exact: true })).toHaveValue(/npm pkg set dependencies\.semver=7\.6\.3/);
    await expect(page.getByLabel("Task class")).toHaveValue("dependency_patch_minor");
    await page.getByLabel("Repository").selectOption({ label: `${repo.fullName} (standard)` });
    await expectNoSeriousViolations(page, "the task form");
    await page.getByRole("button", { name: "Start task" }).click();

    await expect(page).toHaveURL(new RegExp(`/${T}/runs/c[a-z0-9]{20,}$`));
    const runUrl = new URL(page.url()).pathname;

    // The list, filtered to this repository (in the URL), shows it; the row opens it.
    await page.goto(`/${T}/runs?view=all&repositoryId=${repo.id}`);
    await expect(page.getByLabel("Repository")).toHaveValue(repo.id);
    const link = page.getByRole("link", { name: /^Dependency patch\/minor bump run on / });
    await expect(link).toHaveCount(1);
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${runUrl}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Dependency patch/minor bump on ${repo.fullName}`);

    // No reload from here on: the timeline and the header follow the worker.
    const timeline = page.getByRole("list", { name: "Run timeline" });
    await expect(timeline.locator('[data-kind="tool_call"]').first()).toBeVisible({ timeout: 45_000 });
    await expect(page.getByTestId("run-state")).toHaveAttribute("data-state", "succeeded", { timeout: 60_000 });
    await expect(timeline.locator('[data-kind="verifier"]')).toHaveCount(2);
    await expect(timeline.getByText("npm pkg set dependencies.semver=7.6.3").first()).toBeVisible();
    await expect(timeline.getByText("platform-tool-calls/shell-allowed").first()).toBeVisible();
    await expectNoSeriousViolations(page, "a run's timeline");

    await page.getByRole("link", { name: "Log", exact: true }).click();
    await expect(page.getByRole("region", { name: "Run log" })).toContainText("$ npm pkg set dependencies.semver=7.6.3");

    await page.getByRole("link", { name: "Diff", exact: true }).click();
    await expect(page).toHaveURL(/tab=diff/);
    const diff = page.getByRole("region", { name: "Diff of package.json" });
    await expect(diff).toContainText("7.6.3");
    await expect(page.getByRole("region", { name: "Diff of CHANGELOG.md" })).toContainText("Bump semver from 7.5.4 to 7.6.3.");
    await expectNoSeriousViolations(page, "a run's diff");

    await page.getByRole("link", { name: "Boundary & verifiers" }).click();
    await expect(page.getByText("within the boundary", { exact: true })).toBeVisible();
    await expect(page.getByText("No forbidden path touched")).toBeVisible();
    await expect(page.getByText("unit-tests", { exact: true })).toBeVisible();

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Replay package" }).click();
    const file = await (await download).path();
    const replay = JSON.parse(readFileSync(file!, "utf8")) as { format: string; digest: { algorithm: string; value: string }; baseSha: string };
    expect(replay.format).toBe("fleetgate.replay/v1");
    expect(replay.digest.algorithm).toBe("sha256");
    expect(replay.baseSha).toMatch(/^[0-9a-f]{40}$/);

    // Retry: a new run of the same task, its next attempt.
    await page.getByRole("button", { name: "Retry" }).click();
    const retry = page.getByRole("dialog", { name: "Run this task again?" });
    await retry.getByLabel("Reason").fill("e2e: once more");
    await retry.getByRole("button", { name: "Retry" }).click();
    await expect(page).not.toHaveURL(new RegExp(`${runUrl}`));
    await expect(page).toHaveURL(new RegExp(`/${T}/runs/c[a-z0-9]{20,}$`));
    await expect(page.getByText("attempt 2", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "#1 succeeded" })).toHaveAttribute("href", runUrl);
  });

  test("puts a bad recipe's problem and an autonomy above the maximum next to their fields", async ({ page }) => {
    await page.goto(`/${T}/runs/new`);
    await fillRecipe(page, "apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: broken }\nsteps:\n  - explode: now\n");
    await page.getByLabel("Instruction").fill("e2e: a broken recipe");
    await page.getByRole("button", { name: "Start task" }).click();
    const recipeField = page.getByLabel("Recipe", { exact: true });
    await expect(recipeField).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#task-recipe-error")).toContainText(/line 5/);
    await expect(page).toHaveURL(new RegExp(`/${T}/runs/new$`));

    await recipeField.fill(recipe("migrate-timeout-key"));
    // A regulated repository: the maximum named is its tier's (draft_pr), not the tenant's (supervised_pr).
    await page.getByLabel("Repository").selectOption({ label: "acme/billing-ledger (regulated)" });
    await page.getByLabel("Autonomy").selectOption("autonomous_pr");
    await page.getByRole("button", { name: "Start task" }).click();
    await expect(page.getByLabel("Autonomy")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#task-autonomy-error")).toContainText(/autonomous_pr is above the maximum for acme\/billing-ledger and config_migration \(draft_pr, set by platform policy platform-console-access rule run-restricted-tier-autonomy/);
    await expect(page.locator("#task-recipe-error")).toHaveCount(0);
  });
});

test("a run waiting for approval: the viewer may not cancel it (nor start tasks), its requester cancels it", async ({ browser }) => {
  const repo = await freshRepository("runs-cancel");
  const operator = await browser.newContext({ storageState: storageStateOf(OPERATOR) });
  // A CI workflow change waits for approval before it starts.
  const res = await operator.request.post(`/api/v1/tenants/${T}/tasks`, {
    data: { repositoryId: repo.id, taskClass: "ci_workflow_change", instruction: "e2e: waits for approval", autonomy: "dry_run_patch", agent: { kind: "recipe", recipe: recipe("update-ci-node-version") } },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { runId, state, approvalId } = (await res.json()) as { runId: string; state: string; approvalId: string };
  expect(state).toBe("awaiting_approval");

  const viewer = await (await browser.newContext({ storageState: storageStateOf(VIEWER) })).newPage();
  await viewer.goto(`/${T}/runs`);
  await expect(viewer.getByRole("heading", { level: 1, name: "Runs" })).toBeVisible();
  await expect(viewer.getByRole("link", { name: "New task" })).toHaveCount(0);
  await viewer.goto(`/${T}/runs/${runId}`);
  await expect(viewer.getByTestId("run-state")).toHaveAttribute("data-state", "awaiting_approval");
  await expect(viewer.getByRole("link", { name: "Replay package" })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
  await viewer.goto(`/${T}/runs/new`);
  await expect(viewer.getByRole("heading", { level: 1 })).toHaveText("Page not found");

  const page = await operator.newPage();
  await page.goto(`/${T}/runs/${runId}`);
  await expect(page.getByRole("link", { name: "Open the approval request" }).first()).toHaveAttribute("href", `/${T}/approvals/${approvalId}`);
  await page.getByRole("button", { name: "Cancel run" }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel this run?" });
  await dialog.getByRole("button", { name: "Cancel run" }).click();
  await expect(dialog.getByText("say why (at least 3 characters)")).toBeVisible();
  await dialog.getByLabel("Reason").fill("not needed after all");
  await dialog.getByRole("button", { name: "Cancel run" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("run-state")).toHaveAttribute("data-state", "cancelled");
  await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Run timeline" })).toContainText("not needed after all");
  await operator.close();
});

test.describe("as the viewer", () => {
  test.use({ storageState: storageStateOf(VIEWER) });

  test("a published run's pull request: under Pull requests with its risk, state and links, filtered in the URL; on the run's page with its history, risk parts and exact timings", async ({ page }) => {
    const repo = await freshRepository("changes");
    const pr = await publishedRun(repo);
    await page.goto(`/${T}/changes?repositoryId=${repo.id}`);
    await expect(page.getByRole("heading", { level: 1, name: "Pull requests" })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: repo.fullName });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(/7\.5\s*high risk/);
    await expect(row).toContainText("Checks passing");
    await expect(row).toContainText("Review required");
    await expect(row.getByRole("link", { name: `PR #${pr.prNumber} on the code host (opens in a new tab)` })).toHaveAttribute("href", pr.prUrl);
    await expectNoSeriousViolations(page, "the pull requests list");

    await page.getByLabel("Risk").selectOption("low");
    await expect(page).toHaveURL(/riskLevel=low/);
    await expect(page.getByText("No pull request matches these filters")).toBeVisible();
    await page.getByLabel("Risk").selectOption("high");
    await expect(row).toHaveCount(1);

    await row.getByRole("link", { name: /open the run/ }).click();
    await expect(page).toHaveURL(new RegExp(`/${T}/runs/${pr.runId}#pull-request$`));
    const section = page.getByRole("region", { name: "Pull request", exact: true });
    await expect(section.getByTestId("pull-request-state")).toHaveAttribute("data-state", "open");
    await expect(section.getByRole("list", { name: "Pull request history" }).getByTestId("changeset-event")).toHaveCount(2);
    await expect(section.getByRole("table", { name: "The facts the risk score adds up" })).toContainText("the repository is critical risk");
    await expect(section).toContainText("12m 34s");
    await expectNoSeriousViolations(page, "a run's pull request");
  });
});
