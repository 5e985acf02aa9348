// Pull requests end to end, through the real worker, the e2e GitHub twin and its signed webhooks:
// an operator's draft_pr task becomes a draft PR; a person readies, approves and merges it on the twin;
// Fleetgate shows it merged with the exact times to first review and to merge. A supervised_pr task's
// PR appears only once an approver (not its requester) approves publishing. A high-risk run's draft asks
// for a human and is never set to auto-merge, a planted secret blocks publishing, and a kill switch
// closes the drafts it covers with a comment.
import { expect } from "@playwright/test";
import { exactDuration } from "../components/changes/exact-duration";
import { OWN_TENANT, ROLE_USERS, storageStateOf, tenantAdmin } from "./fixtures";
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

type Delivery = { event: string; payload: { action?: string; repository?: { full_name: string }; pull_request?: { number: number; draft: boolean; state: string; auto_merge: unknown; labels: { name: string }[] }; issue?: { number: number }; comment?: { body: string } } };

/** The webhooks the e2e twin sent about one pull request, oldest first (what GitHub said of it). */
async function deliveriesAbout(repo: FreshRepo, number: number): Promise<Delivery[]> {
  const all = (await (await fetch(`${E2E_TWIN_URL}/_twin/deliveries`)).json()) as Delivery[];
  return all.filter((d) => d.payload.repository?.full_name === repo.fullName && (d.payload.pull_request?.number ?? d.payload.issue?.number) === number);
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

const inlineRecipe = (name: string, files: Record<string, string>) =>
  `apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: ${name} }\nsteps:\n` +
  Object.entries(files).map(([path, content]) => `  - write: { path: ${path}, content: ${JSON.stringify(content)} }\n`).join("");

test("a high-risk draft asks for a human and is never set to auto-merge; a planted secret blocks publishing; a kill switch closes the drafts it covers", async ({ as, browser }) => {
  test.setTimeout(150_000);
  const repo = await freshRepository("pr-contain");
  await sql(`UPDATE "Repository" SET "riskTier" = 'high' WHERE id = $1`, [repo.id]);
  const operator = await as(OPERATOR);
  const start = async (taskClass: string, files: Record<string, string>) => {
    const res = await operator.post(`/api/v1/tenants/${T}/tasks`, {
      data: { repositoryId: repo.id, taskClass, instruction: `e2e ${taskClass}`, autonomy: "draft_pr", agent: { kind: "recipe", recipe: inlineRecipe(`e2e-${taskClass.replaceAll("_", "-")}`, files) } },
    });
    expect(res.status(), await res.text()).toBe(201);
    return ((await res.json()) as { runId: string }).runId;
  };
  // High tier 2.5 + config migration 1.5 + deployment and security paths 3 (capped) = 7.0, the threshold.
  const risky = await start("config_migration", { "deploy/app.yaml": "replicas: 2\n", "src/auth/session.js": "module.exports = { ttl: 3600 };\n" });
  const key = "AKIA" + "Q3EGRTYUIOPASDFG";
  const leaky = await start("docs_update", { "docs/config.md": `aws_access_key_id = ${key}\n` });

  await expect.poll(async () => (await changesetOf(risky))?.state, { timeout: 100_000, intervals: [500] }).toBe("draft");
  const draft = (await changesetOf(risky))!;
  const [risk] = await sql<{ riskScore: number; needsHumanReview: boolean; labels: string[] }>(`SELECT "riskScore", "needsHumanReview", labels FROM "Changeset" WHERE id = $1`, [draft.id]);
  expect(risk).toMatchObject({ riskScore: 7, needsHumanReview: true });
  expect(risk!.labels).toEqual(expect.arrayContaining(["agent:risk-high", "agent:needs-human-review"]));
  // What GitHub itself says of the PR: the labels are on it and auto-merge was never turned on.
  await expect.poll(async () => (await deliveriesAbout(repo, draft.prNumber!)).filter((d) => d.event === "pull_request" && d.payload.action === "labeled").length, { timeout: 30_000 }).toBeGreaterThan(0);
  const seen = await deliveriesAbout(repo, draft.prNumber!);
  const lastPull = seen.filter((d) => d.payload.pull_request).at(-1)!.payload.pull_request!;
  expect(lastPull.labels.map((l) => l.name)).toEqual(expect.arrayContaining(["agent:risk-high", "agent:needs-human-review"]));
  expect(lastPull.auto_merge).toBeNull();
  expect(seen.some((d) => d.event === "pull_request" && d.payload.action === "auto_merge_enabled")).toBe(false);

  await expect.poll(async () => (await changesetOf(leaky))?.state, { timeout: 100_000, intervals: [500] }).toBe("blocked");
  const blocked = (await changesetOf(leaky))!;
  expect(blocked.prNumber).toBeNull();
  const [hold] = await sql<{ holdKind: string; flagReason: string; headSha: string | null }>(`SELECT "holdKind", "flagReason", "headSha" FROM "Changeset" WHERE id = $1`, [blocked.id]);
  expect(hold).toMatchObject({ holdKind: "secret_scan", headSha: null });
  expect(hold!.flagReason).not.toContain(key);
  const [patch] = await sql<{ restricted: boolean }>(`SELECT restricted FROM "RunArtifact" WHERE "runId" = $1 AND kind = 'patch'`, [leaky]);
  expect(patch?.restricted).toBe(true);

  // The tenant admin sets a running switch that closes drafts on the repository: the draft is closed on
  // GitHub with a comment naming the switch, and Fleetgate shows why.
  const admin = await as(tenantAdmin(T));
  const reason = `e2e contain ${draft.id}`;
  const set = await admin.post(`/api/v1/tenants/${T}/kill-switches`, { data: { level: "repository", target: repo.id, effects: ["running", "close_drafts"], reason } });
  expect(set.status(), await set.text()).toBe(201);
  const switchId = ((await set.json()) as { killSwitch: { id: string } }).killSwitch.id;
  try {
    await expect.poll(async () => (await changesetOf(risky))?.state, { timeout: 60_000, intervals: [500] }).toBe("closed");
    const after = await deliveriesAbout(repo, draft.prNumber!);
    expect(after.find((d) => d.event === "issue_comment")?.payload.comment?.body).toContain(reason);
    expect(after.filter((d) => d.payload.pull_request).at(-1)!.payload.pull_request).toMatchObject({ state: "closed", draft: true });

    const page = await (await browser.newContext({ storageState: storageStateOf(OPERATOR) })).newPage();
    await page.goto(`/${T}/runs/${risky}`);
    const section = page.getByRole("region", { name: "Pull request", exact: true });
    await expect(section.getByTestId("pull-request-state")).toHaveAttribute("data-state", "closed");
    await expect(section.getByRole("list", { name: "Pull request history" })).toContainText(reason);
    await page.goto(`/${T}/runs/${leaky}`);
    await expect(page.getByRole("region", { name: "Pull request", exact: true })).toContainText(/secret scan/i);
    await page.context().close();
  } finally {
    await admin.post(`/api/v1/tenants/${T}/kill-switches/${switchId}/release`, { data: { reason: "e2e over" } });
  }
});
