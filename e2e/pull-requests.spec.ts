// Pull requests end to end, through the real worker, the e2e GitHub twin and its signed webhooks:
// an operator's draft_pr task becomes a draft PR; a person readies, approves and merges it on the twin;
// Fleetgate shows it merged with the exact times to first review and to merge. A supervised_pr task's
// PR appears only once an approver (not its requester) approves publishing.
import { expect } from "@playwright/test";
import { exactDuration } from "../components/changes/exact-duration";
import { OWN_TENANT, ROLE_USERS, storageStateOf } from "./fixtures";
import { test } from "./support/api";
import { sql } from "./support/db";
import { E2E_TWIN_URL } from "./support/env";
import { freshRepository, recipe, type FreshRepo } from "./support/runs";

const T = OWN_TENANT;
const OPERATOR = ROLE_USERS[T].operator;
const APPROVER = ROLE_USERS[T].approver;

type Cs = { id: string; state: string; prNumber: number | null; prUrl: string | null; openedAt: Date | null; firstReviewAt: Date | null; mergedAt: Date | null; reviewState: string };

const changesetOf = async (runId: string) =>
  (await sql<Cs>(`SELECT id, state::text, "prNumber", "prUrl", "openedAt", "firstReviewAt", "mergedAt", "reviewState" FROM "Changeset" WHERE "runId" = $1`, [runId]))[0];

async function human(repo: FreshRepo, body: Record<string, unknown>) {
  const res = await fetch(`${E2E_TWIN_URL}/_twin/human`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ repo: repo.fullName, user: "rev-e2e", ...body }) });
  expect(res.status, await res.clone().text()).toBe(200);
}

const taskBody = (repo: FreshRepo, autonomy: string) => ({
  repositoryId: repo.id, taskClass: "dependency_patch_minor", instruction: "Bump semver to 7.6.3", autonomy,
  agent: { kind: "recipe", recipe: recipe("bump-semver-minor") },
});

test("an operator's draft_pr task becomes a draft PR; merged on GitHub, Fleetgate shows it merged with the exact times to first review and to merge", async ({ as, browser }) => {
  test.setTimeout(120_000);
  const repo = await freshRepository("pr-journey");
  const operator = await as(OPERATOR);
  const created = await operator.post(`/api/v1/tenants/${T}/tasks`, { data: taskBody(repo, "draft_pr") });
  expect(created.status(), await created.text()).toBe(201);
  const { runId } = (await created.json()) as { runId: string };

  await expect.poll(async () => (await changesetOf(runId))?.state, { timeout: 75_000, intervals: [500] }).toBe("draft");
  const draft = (await changesetOf(runId))!;
  expect(draft.prNumber).not.toBeNull();
  expect(draft.prUrl).toContain(`/${repo.fullName}/pull/${draft.prNumber}`);

  // A person on GitHub: ready for review, approve, merge. Each step reaches Fleetgate as a signed webhook.
  await human(repo, { action: "ready_for_review", number: draft.prNumber });
  await human(repo, { action: "approve", number: draft.prNumber, body: "Looks right" });
  await human(repo, { action: "merge", number: draft.prNumber });
  await expect.poll(async () => (await changesetOf(runId))?.state, { timeout: 30_000, intervals: [250] }).toBe("merged");
  const merged = (await changesetOf(runId))!;
  expect(merged.reviewState).toBe("approved");
  const toReview = merged.firstReviewAt!.getTime() - merged.openedAt!.getTime();
  const toMerge = merged.mergedAt!.getTime() - merged.openedAt!.getTime();

  const page = await (await browser.newContext({ storageState: storageStateOf(OPERATOR) })).newPage();
  await page.goto(`/${T}/changes?repositoryId=${repo.id}`);
  const row = page.getByRole("row").filter({ hasText: repo.fullName });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Merged");
  await expect(row.getByRole("link", { name: `PR #${draft.prNumber} on the code host (opens in a new tab)` })).toHaveAttribute("href", draft.prUrl!);
  await row.getByRole("link", { name: /open the run/ }).click();
  const section = page.getByRole("region", { name: "Pull request", exact: true });
  await expect(section.getByTestId("pull-request-state")).toHaveAttribute("data-state", "merged");
  await expect(section).toContainText(exactDuration(toReview));
  await expect(section).toContainText(exactDuration(toMerge));
  const history = section.getByRole("list", { name: "Pull request history" });
  await expect(history).toContainText(/opened draft PR #\d+/);
  await page.context().close();
});

test("a supervised_pr task's PR appears only once an approver approves publishing; its requester cannot", async ({ as }) => {
  test.setTimeout(120_000);
  const repo = await freshRepository("pr-supervised");
  const operator = await as(OPERATOR);
  const created = await operator.post(`/api/v1/tenants/${T}/tasks`, { data: taskBody(repo, "supervised_pr") });
  expect(created.status(), await created.text()).toBe(201);
  const { runId } = (await created.json()) as { runId: string };
  await expect.poll(async () => (await changesetOf(runId))?.state, { timeout: 75_000, intervals: [500] }).toBe("awaiting_approval");
  const waiting = (await changesetOf(runId))!;
  expect(waiting.prNumber).toBeNull();
  const [request] = await sql<{ id: string }>(`SELECT id FROM "ApprovalRequest" WHERE "subjectType" = 'changeset' AND "subjectId" = $1 AND state = 'pending'`, [waiting.id]);
  expect(request).toBeDefined();

  const own = await operator.post(`/api/v1/tenants/${T}/approvals/${request!.id}/votes`, { data: { vote: "approve" } });
  expect(own.status()).toBe(403);
  expect((await changesetOf(runId))!.prNumber).toBeNull();
  const approver = await as(APPROVER);
  const vote = await approver.post(`/api/v1/tenants/${T}/approvals/${request!.id}/votes`, { data: { vote: "approve", reason: "publish it" } });
  expect(vote.status(), await vote.text()).toBe(201);
  await expect.poll(async () => (await changesetOf(runId))?.state, { timeout: 60_000, intervals: [500] }).toBe("open");
  expect((await changesetOf(runId))!.prNumber).not.toBeNull();
});
