// A campaign owner's journey, through the real worker, the e2e GitHub twin and its signed webhooks: the
// owner writes a major-upgrade campaign as YAML, previews it and launches it; the launch waits for an
// approver (in the console) and a tenant admin. The canary's run opens a draft PR on the twin; its CI
// fails there, and the campaign's CI gate pauses the campaign, naming the gate. The build is fixed, the
// owner resumes, the next wave is promoted; under the campaign's hourly budget one of its PRs opens and
// the other is held, which the changeset table and the PR-storm dashboard both say, with the reason.
import { expect, type Browser, type Page } from "@playwright/test";
import { OWN_TENANT, ROLE_USERS, storageStateOf, tenantAdmin, type Persona } from "./fixtures";
import { test, unique } from "./support/api";
import { vote } from "./support/approvals";
import { expectNoSeriousViolations } from "./support/axe";
import { sql } from "./support/db";
import { E2E_TWIN_URL } from "./support/env";
import { watchProblems } from "./support/page-problems";
import { freshRepository, type FreshRepo } from "./support/runs";

const T = OWN_TENANT;
const OWNER = ROLE_USERS[T].campaign_owner;
const APPROVER = ROLE_USERS[T].approver;

type Cs = { id: string; state: string; prNumber: number | null; checksState: string; holdKind: string | null; flagReason: string | null; repo: string };

async function changesetsOf(campaignId: string): Promise<Cs[]> {
  return sql<Cs>(
    `SELECT c.id, c.state::text, c."prNumber", c."checksState", c."holdKind", c."flagReason", r.owner || '/' || r.name AS repo
     FROM "Changeset" c JOIN "Repository" r ON r.id = c."repositoryId" WHERE c."campaignId" = $1 ORDER BY c."createdAt"`, [campaignId]);
}
const campaignOf = async (id: string) => (await sql<{ state: string; stateReason: string | null; launchApprovalId: string | null }>(`SELECT state::text, "stateReason", "launchApprovalId" FROM "Campaign" WHERE id = $1`, [id]))[0]!;

/** Approves, as the approver, every run of the campaign waiting for its start approval (major upgrades need one). */
async function approveWaitingRuns(campaignId: string, expected: number): Promise<void> {
  let waiting: { approvalId: string }[] = [];
  await expect.poll(async () => {
    waiting = await sql<{ approvalId: string }>(`SELECT "approvalId" FROM "Run" WHERE "campaignId" = $1 AND state = 'awaiting_approval' AND "approvalId" IS NOT NULL`, [campaignId]);
    return waiting.length;
  }, { timeout: 30_000, intervals: [250] }).toBe(expected);
  for (const w of waiting) await vote(APPROVER, w.approvalId, "approve", "semver 8 is fine for these services");
}

async function ci(repo: string, number: number, conclusion: "failure" | "success") {
  const res = await fetch(`${E2E_TWIN_URL}/_twin/human`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ action: "set_check", repo, user: "ci-e2e", number, name: "build", conclusion }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function pageAs(browser: Browser, who: Persona): Promise<Page> {
  return (await browser.newContext({ storageState: storageStateOf(who) })).newPage();
}

const specYaml = (name: string, repos: FreshRepo[]) => `name: ${name}
description: Raise semver to 8 across the storefront services
change:
  taskClass: dependency_major_upgrade
  instruction: Raise semver to 8.0.0
  agent:
    kind: recipe
    recipe: |
      apiVersion: fleetgate/v1
      kind: Recipe
      metadata: { name: semver-8, description: Raise semver to 8.0.0 }
      steps:
        - run: npm pkg set dependencies.semver=8.0.0
targets:
  repositories: [${repos.map((r) => r.fullName).join(", ")}]
autonomy: draft_pr
waves: { canary: 1, sizes: ["100%"] }
gates: { ciFailureRate: 0 }
caps: { prsPerHour: { rate: 1, burst: 2 } }
`;

test("a campaign owner previews and launches a campaign an approver approves; a failing canary pauses it on its CI gate; fixed and resumed, the next wave opens one PR and holds the other under the campaign's budget", async ({ browser }) => {
  test.setTimeout(300_000);
  const repos = await Promise.all([0, 1, 2].map(() => freshRepository("campaign")));
  const name = `e2e-semver-8-${unique()}`;

  // The owner writes the spec as YAML, previews it (three eligible targets, one canary) and launches it.
  const owner = await pageAs(browser, OWNER);
  const problems = await watchProblems(owner);
  await owner.goto(`/${T}/campaigns/new?view=yaml`);
  await expect(owner.locator("[data-ready]")).toBeAttached();
  const editor = owner.getByRole("textbox", { name: "Campaign spec (YAML)" });
  await editor.click();
  await editor.press("ControlOrMeta+a");
  await owner.keyboard.insertText(specYaml(name, repos));
  await expect(editor).toContainText(`name: ${name}`);
  // Chrome's own editing of the editor's contenteditable, which inserting many lines at once goes
  // through, may write inline styles the CSP refuses: the test's way of typing, not the page's.
  const afterTyping = problems.length;
  await owner.getByRole("button", { name: "Preview" }).click();
  const preview = owner.getByRole("region", { name: "Preview" });
  await expect(preview).toContainText("3 targets matched: 3 eligible");
  await expect(preview.getByRole("table", { name: "Campaign targets with their eligibility and wave" }).getByRole("row")).toHaveCount(4);
  await expectNoSeriousViolations(owner, "the new campaign's preview");
  await owner.getByRole("button", { name: "Save and launch" }).click();
  await owner.waitForURL(new RegExp(`/${T}/campaigns/c[a-z0-9]+$`));
  const campaignId = owner.url().split("/").pop()!;
  await expect(owner.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(owner.getByText("Waiting for approval")).toBeVisible();

  // The launch needs an approver and a campaign owner or tenant admin (not who launched it).
  const { launchApprovalId } = await campaignOf(campaignId);
  expect(launchApprovalId).not.toBeNull();
  const approver = await pageAs(browser, APPROVER);
  await approver.goto(`/${T}/approvals/${launchApprovalId}`);
  await approver.getByLabel(/^Reason/).fill("The canary goes first and the CI gate is strict");
  await approver.getByRole("button", { name: /^Approve/ }).click();
  await expect(approver.getByRole("list", { name: "Votes in order" })).toContainText(APPROVER.email);
  await vote(tenantAdmin(T), launchApprovalId!, "approve", "fine by the platform team");
  await expect.poll(async () => (await campaignOf(campaignId)).state, { timeout: 30_000, intervals: [250] }).toBe("running");

  // The canary: its start is approved, its run opens a draft PR on the twin.
  await approveWaitingRuns(campaignId, 1);
  await expect.poll(async () => (await changesetsOf(campaignId)).map((c) => c.state), { timeout: 120_000, intervals: [500] }).toEqual(["draft"]);
  const [canary] = await changesetsOf(campaignId);
  const table = owner.getByRole("table", { name: "The campaign's changesets" });
  await expect(table.getByRole("link", { name: new RegExp(`#${canary!.prNumber}`) })).toBeVisible({ timeout: 15_000 });

  // CI fails on GitHub: once the check arrives the canary wave is finished and its CI gate breaks.
  await ci(canary!.repo, canary!.prNumber!, "failure");
  await expect.poll(async () => (await campaignOf(campaignId)).state, { timeout: 60_000, intervals: [250] }).toBe("paused");
  expect((await campaignOf(campaignId)).stateReason).toBe("stopped by its gates after the canary wave: ciFailureRate 100% (1 of 1) above its threshold 0%");
  // The page says why under its title (and again on the wave it stopped after).
  await expect(owner.getByText("stopped by its gates after the canary wave").first()).toBeVisible({ timeout: 15_000 });
  const gates = owner.getByRole("table", { name: "Gates against their thresholds" });
  await expect(gates.getByRole("row").filter({ hasText: "CI failures" })).toContainText("Broken");
  await expectNoSeriousViolations(owner, "a campaign paused by its gate");

  // The build is fixed, the check passes; the owner resumes and the next wave is promoted.
  await ci(canary!.repo, canary!.prNumber!, "success");
  await expect.poll(async () => (await changesetsOf(campaignId))[0]!.checksState, { timeout: 30_000, intervals: [250] }).toBe("passing");
  await owner.reload();
  await owner.getByRole("button", { name: "Resume" }).click();
  const dialog = owner.getByRole("dialog", { name: "Resume this campaign?" });
  await dialog.getByRole("textbox").fill("the build is fixed");
  await dialog.getByRole("button", { name: "Resume" }).click();
  await expect.poll(async () => (await campaignOf(campaignId)).stateReason, { timeout: 30_000, intervals: [250] }).toMatch(/^wave 1 of 1 is running/);

  // Wave 1: two runs; the campaign's budget (burst 2, one an hour) has room for one more PR, so the other is held.
  await approveWaitingRuns(campaignId, 2);
  await expect.poll(async () => (await changesetsOf(campaignId)).map((c) => c.state).sort(), { timeout: 150_000, intervals: [500] }).toEqual(["draft", "draft", "held"]);
  const held = (await changesetsOf(campaignId)).find((c) => c.state === "held")!;
  expect(held.holdKind).toBe("tenant_budget");
  expect(held.prNumber).toBeNull();
  expect(held.flagReason).toMatch(/^held: /);
  await owner.reload();
  await expect(table.getByRole("row").filter({ hasText: held.repo })).toContainText(held.flagReason!);

  // The PR-storm dashboard, filtered to the campaign, says what is held and why.
  await owner.goto(`/${T}/pr-storm?campaign=${campaignId}`);
  const heldPanel = owner.getByRole("region", { name: "Held work by reason" });
  await expect(heldPanel).toContainText(`1× ${held.flagReason}`);
  await expectNoSeriousViolations(owner, "the PR-storm dashboard");
  // Every screen of the journey ran under the content security policy without a refusal or an error.
  expect(problems.slice(afterTyping).filter((p) => /CSP violation|Content Security Policy|uncaught/.test(p))).toEqual([]);
});
