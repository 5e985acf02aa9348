// A policy admin writes a tenant policy in the console: the typo shows at its line, the tests and a
// tried input show what the policy decides, the blast radius counts the recorded decisions it would
// change; saved and requested, it becomes an approval request that another eligible person (here the
// platform admin) approves from the request's page, and the worker activates it. A viewer reads it
// without being able to change it. A second journey covers a concurrent save, the diff and rollback.
import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { OWN_TENANT, PLATFORM_ADMIN, ROLE_USERS, storageStateOf, type Persona } from "./fixtures";
import { sql, tenantId } from "./support/db";

const ADMIN = ROLE_USERS[OWN_TENANT].policy_admin;
const VIEWER = ROLE_USERS[OWN_TENANT].viewer;
const FORCE_PUSHES = 7;

const policyYaml = (name: string, effectKey = "effect", reason = "force pushes rewrite history") => `apiVersion: fleetgate/v1
kind: Policy
metadata:
  name: ${name}
  level: tenant
  description: Guardrails written in the e2e journey
rules:
  - id: no-force-push
    description: Agents never force-push
    match: { actions: [tool.shell] }
    when: input.context.command.contains('push --force')
    ${effectKey}: deny
    reason: ${reason}
`;

const testsYaml = (name: string) => `suite: ${name}
tests:
  - name: a force push is denied
    input: { action: tool.shell, resource: { kind: command }, subject: { id: agent-1 }, context: { command: "git push --force origin main" } }
    expect: { decision: deny, rule: no-force-push }
`;

const newName = () => `e2e-ui-${randomUUID().slice(0, 8)}`;

/** Replaces an editor's whole text (CodeMirror's content element is a labelled textbox). */
async function setEditor(editor: Locator, text: string): Promise<void> {
  await editor.click();
  await editor.press("ControlOrMeta+a");
  await editor.page().keyboard.insertText(text);
}

async function pageAs(browser: Browser, who: Persona): Promise<Page> {
  const ctx = await browser.newContext({ storageState: storageStateOf(who) });
  return ctx.newPage();
}

/** Decisions that were allowed when recorded and that a no-force-push rule now denies: blast radius traffic. */
async function recordForcePushes(marker: string): Promise<void> {
  const tid = await tenantId(OWN_TENANT);
  await sql(
    `INSERT INTO "DecisionRecord" ("tenantId", action, "resourceKind", input, decision, "decidingRule", "matchedRules", versions, "effectivePolicyHash", source, "subjectId")
     SELECT $1, 'tool.shell', 'command',
            jsonb_build_object('action', 'tool.shell', 'resource', jsonb_build_object('kind', 'command'), 'subject', jsonb_build_object('id', $2 || g),
                               'context', jsonb_build_object('command', 'git push --force origin ' || $2 || g)),
            'allow', 'platform-tool-calls/shell-allowed', '[]'::jsonb, '{}'::jsonb, 'e2e', 'tool', $2 || g
       FROM generate_series(1, $3::int) g`,
    [tid, marker, FORCE_PUSHES],
  );
}

test.describe.configure({ mode: "serial" });

test.describe("writing, testing and activating a tenant policy", () => {
  const name = newName();
  let documentUrl = "";

  test.beforeAll(async () => {
    await recordForcePushes(`e2e-${name}-`);
  });

  test("the policy admin writes, checks and requests activation", async ({ browser }) => {
    const page = await pageAs(browser, ADMIN);
    await page.goto(`/${OWN_TENANT}`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Policies" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Policies");
    await page.getByRole("link", { name: "New policy" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("New policy");

    // A typo in a key: the problem is listed and marked on line 12 of the editor.
    const policy = page.getByRole("textbox", { name: "Policy YAML" });
    await setEditor(policy, policyYaml(name, "efect"));
    await setEditor(page.getByRole("textbox", { name: "Test suite YAML" }), testsYaml(name));
    const problem = page.getByRole("button", { name: /Policy line 12 .*unknown key "efect"/ });
    await expect(problem).toBeVisible();
    await expect(policy.locator(".cm-line").nth(11).locator(".cm-lintRange-error")).toHaveCount(1);
    await expect(page.getByRole("button", { name: "Create policy" })).toBeDisabled();
    await problem.click();
    await expect(policy.locator(".cm-activeLine")).toHaveText(/efect: deny/);

    // Fixed: the problems go away and the test matrix passes.
    await setEditor(policy, policyYaml(name));
    await expect(page.getByRole("button", { name: /Policy line/ })).toHaveCount(0);
    const matrix = page.getByRole("region", { name: "Test matrix" });
    await expect(matrix.getByText("1 passed")).toBeVisible();
    await expect(matrix.getByText("0 failed")).toBeVisible();
    await expect(matrix.getByRole("row", { name: /a force push is denied/ })).toContainText("Pass");

    // Try an input (prefilled from the first test): the draft denies through the new rule.
    const draft = page.getByRole("list", { name: "Draft: matched rules in order" });
    await expect(draft.getByRole("listitem").filter({ hasText: "decides" })).toContainText(`${name} / draft / no-force-push`);
    await expect(page.getByText("The draft changes this decision")).toBeVisible();

    // Blast radius over the recorded decisions of tool.shell.
    await page.getByLabel("Action", { exact: true }).fill("tool.shell");
    await page.getByRole("button", { name: "Run blast radius" }).click();
    await expect(page).toHaveURL(/[?&]action=tool\.shell(&|$)/);
    const allowToDeny = page.getByTestId("blast-count-allow->deny");
    await expect(allowToDeny).toBeVisible({ timeout: 15_000 });
    expect(Number((await allowToDeny.innerText()).replaceAll(",", ""))).toBeGreaterThanOrEqual(FORCE_PUSHES);
    await allowToDeny.click();
    await expect(page.getByText(`${name}/no-force-push · deny`).first()).toBeVisible();

    // Save: the first version is created and the page moves to the document.
    await page.getByLabel("What is this policy for?").fill("No force pushes by agents");
    await page.getByRole("button", { name: "Create policy" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    documentUrl = new URL(page.url()).pathname;
    await expect(page.getByText("draft v1")).toBeVisible();

    // Request activation: it waits, clearly marked, as an approval request.
    const request = page.getByRole("button", { name: "Request activation" });
    await expect(request).toBeEnabled({ timeout: 15_000 });
    await request.click();
    const banner = page.getByRole("region", { name: "Pending activation — waiting for approval" });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText("You requested it, so someone else must approve it.");
    await expect(banner.getByRole("button", { name: "Withdraw request" })).toBeVisible();
    await expect(banner.getByRole("link", { name: "Open the request" })).toBeVisible();
    await expect(banner.getByRole("button", { name: /Approve/ })).toHaveCount(0);

    // The requester cannot approve it through the API either: separation of duties.
    const documentId = documentUrl.split("/").at(-1)!;
    const detail = await (await page.request.get(`/api/v1/tenants/${OWN_TENANT}/policies/${documentId}`)).json();
    expect(detail.pending.versionNumber).toBe(1);
    const self = await page.request.post(`/api/v1/tenants/${OWN_TENANT}/approvals/${detail.pending.id}/votes`, { data: { vote: "approve" } });
    expect(self.status()).toBe(403);
    expect((await self.json()).error.message).toMatch(/separation of duties/);
    // Its own page says why the requester cannot vote.
    await banner.getByRole("link", { name: "Open the request" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Activate ${name} v1`);
    await expect(page.getByText("You cannot vote on this request: you raised this request.")).toBeVisible();
    await page.context().close();
  });

  test("the platform admin approves it from the request page and the worker activates it", async ({ browser }) => {
    const page = await pageAs(browser, PLATFORM_ADMIN);
    await page.goto(documentUrl);
    const banner = page.getByRole("region", { name: "Pending activation — waiting for approval" });
    await banner.getByRole("link", { name: "Review and decide" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Activate ${name} v1`);
    // A first version replaces nothing: its whole YAML is shown.
    await expect(page.getByRole("region", { name: "YAML of v1" })).toContainText("no-force-push");
    await page.getByRole("button", { name: /^Approve/ }).click();
    const outcome = page.getByRole("region", { name: "Approved" });
    await expect(outcome.getByRole("status")).toContainText(`${name} v1 is active`, { timeout: 15_000 });

    // Back on the policy (its history): the request with its outcome; active, and no banner in the editor.
    await page.getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await expect(page.getByText("active v1")).toBeVisible();
    const requests = page.getByRole("table", { name: "Activation requests, newest first" });
    await expect(requests.getByRole("row").nth(1)).toContainText("approved");
    await expect(requests.getByRole("row").nth(1)).toContainText(`approved by ${PLATFORM_ADMIN.email}`);
    await expect(requests.getByRole("row").nth(1)).toContainText(`${name} v1 is active`);
    await page.getByRole("navigation", { name: "Policy views" }).getByRole("link", { name: "Editor" }).click();
    await expect(page.getByRole("region", { name: "Test matrix" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Pending activation — waiting for approval" })).toHaveCount(0);
    await page.goto(`/${OWN_TENANT}/policies?q=${name}`);
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("active v1");
    await page.context().close();
  });

  test("a viewer reads it without being able to change it", async ({ browser }) => {
    const page = await pageAs(browser, VIEWER);
    await page.goto(`/${OWN_TENANT}/policies`);
    await expect(page.getByRole("link", { name: "New policy" })).toHaveCount(0);
    await page.getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await expect(page.getByRole("status").filter({ hasText: "Read-only" })).toBeVisible();
    const policy = page.getByRole("textbox", { name: "Policy YAML" });
    await expect(policy).toHaveAttribute("aria-readonly", "true");
    await expect(policy).toHaveAttribute("contenteditable", "false");
    await expect(page.getByRole("button", { name: "Save version" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Request activation" })).toHaveCount(0);
    // The preview still works for reading: the tests run.
    await expect(page.getByRole("region", { name: "Test matrix" }).getByText("1 passed")).toBeVisible();
    // Writing a new one, or a document that is not there, answer not found.
    expect((await page.goto(`/${OWN_TENANT}/policies/new`))?.status()).toBe(404);
    expect((await page.goto(`/${OWN_TENANT}/policies/no-such-policy`))?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await page.context().close();
  });
});

test("a concurrent save keeps the text, versions compare by URL, an older version rolls back", async ({ browser }) => {
  const name = newName();
  const page = await pageAs(browser, ADMIN);
  const created = await page.request.post(`/api/v1/tenants/${OWN_TENANT}/policies`, { data: { content: policyYaml(name), tests: testsYaml(name), message: "v1" } });
  expect(created.status()).toBe(201);
  const { documentId } = await created.json();
  await page.goto(`/${OWN_TENANT}/policies/${documentId}`);
  const policy = page.getByRole("textbox", { name: "Policy YAML" });
  await expect(policy).toContainText("force pushes rewrite history");

  // Someone else saves version 2 meanwhile.
  const other = await page.request.post(`/api/v1/tenants/${OWN_TENANT}/policies/${documentId}/versions`, {
    data: { content: policyYaml(name, "effect", "saved elsewhere"), tests: testsYaml(name), message: "v2 from elsewhere", baseNumber: 1 },
  });
  expect(other.status()).toBe(201);

  await setEditor(policy, policyYaml(name, "effect", "force pushes rewrite shared history"));
  await page.getByLabel("What changed and why?").fill("Clearer reason");
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByText("Someone saved version 2 meanwhile")).toBeVisible();
  await expect(policy).toContainText("rewrite shared history");
  await page.getByRole("button", { name: "Keep my text, based on version 2" }).click();
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByText("Saved as version 3 (draft).")).toBeVisible();

  // History: tick two versions, the diff is in the URL.
  await page.getByRole("link", { name: /History/ }).click();
  await page.getByRole("checkbox", { name: "Compare version 1" }).check();
  await page.getByRole("checkbox", { name: "Compare version 3" }).check();
  await expect(page).toHaveURL(/[?&]compare=1\.\.3(&|$)/);
  const diff = page.getByRole("region", { name: "Policy: version 1 to version 3" });
  await expect(diff).toContainText("rewrite shared history");
  await page.reload();
  await expect(page.getByRole("region", { name: "Policy: version 1 to version 3" })).toContainText("+1");

  // Roll back to version 1: a new draft (version 4) with its text, loaded into the editor.
  await page.getByRole("button", { name: "Roll back to version 1" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Roll back to version 1" }).click();
  await expect(page.getByText("Version 4 saved with version 1's text.")).toBeVisible();
  await expect(policy).toContainText("force pushes rewrite history");
  await expect(policy).not.toContainText("shared");
  await page.context().close();
});
