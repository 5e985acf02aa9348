// An approver's day. A policy admin asks for a policy version's activation (through the API, as
// the editor does); the platform admin, whom the rule accepts, sees it counted in the navigation and
// waiting in the inbox, opens it, reads the diff, the rule and who else may decide, and approves it
// with the A key: the page shows it approved and, once the worker applied it, active. The requester
// follows it under "Raised by me" and cannot vote on their own request; a denial needs a reason; the
// auditor reads every request and sees others' decisions arrive without a reload; a viewer has no
// approvals at all. A tenant admin adds and removes team members (thresholds may name teams).
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { OWN_TENANT, PLATFORM_ADMIN, ROLE_USERS, storageStateOf, tenantAdmin, type Persona } from "./fixtures";
import { apiAs, policyActivation, waitApplied, type PolicyActivation } from "./support/approvals";
import { voteCount } from "./support/db";

const REQUESTER = ROLE_USERS[OWN_TENANT].policy_admin;
const AUDITOR = ROLE_USERS[OWN_TENANT].auditor;
const VIEWER = ROLE_USERS[OWN_TENANT].viewer;

async function pageAs(browser: Browser, who: Persona): Promise<Page> {
  const ctx = await browser.newContext({ storageState: storageStateOf(who) });
  return ctx.newPage();
}

/**
 * The row of a request in the list shown, paging on while it is not there: other journeys keep
 * raising requests in the same tenant, and the inbox lists the most urgent (oldest) first.
 */
async function rowOf(page: Page, title: string): Promise<Locator> {
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: title, exact: true }) });
  for (let i = 0; i < 40; i++) {
    await expect(page.getByRole("table").or(page.getByText("Nothing waits for you"))).toBeVisible();
    if (await row.count()) return row;
    const next = page.getByRole("navigation", { name: "Approval pages" }).getByRole("button", { name: "Next" });
    if (!(await next.isEnabled())) break;
    const url = page.url();
    await next.click();
    await expect(page).not.toHaveURL(url);
  }
  await expect(row, `${title} is listed`).toHaveCount(1);
  return row;
}

/** The request page is live: its keyboard shortcuts listen once it has hydrated. */
async function shortcutsReady(page: Page): Promise<void> {
  await expect(page.locator("section[data-shortcuts='on']")).toBeVisible();
}

test.describe.configure({ mode: "serial" });

test.describe("approving a policy activation", () => {
  let approved: PolicyActivation;
  let denied: PolicyActivation;
  let watched: PolicyActivation;

  test.beforeAll(async () => {
    // Version 2 of a policy whose version 1 is active: the request replaces it, so there is a diff.
    approved = await policyActivation(REQUESTER, { activeFirst: { approver: PLATFORM_ADMIN }, note: "Clearer wording for the audit" });
    denied = await policyActivation(REQUESTER);
    watched = await policyActivation(REQUESTER);
  });

  test("the platform admin finds it in the inbox, reads it and approves it with the A key", async ({ browser }) => {
    const page = await pageAs(browser, PLATFORM_ADMIN);
    await page.goto(`/${OWN_TENANT}`);
    const nav = page.getByRole("navigation", { name: "Main" });
    const link = nav.getByRole("link", { name: "Approvals", exact: true });
    // The inbox count beside the entry, read out with the link.
    await expect(nav.getByTestId("nav-badge-approvals")).toHaveText(/^(\d+|99\+) waiting for you$/);
    await expect(link).toHaveAccessibleDescription(/^(\d+|99\+) waiting for you$/);
    await link.click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Approvals");
    await expect(page.getByRole("navigation", { name: "Approval views" }).getByRole("link", { name: /^Inbox/ })).toHaveAttribute("aria-current", "page");

    const title = approved.approval.title;
    const row = await rowOf(page, title);
    await expect(row).toContainText("Policy activation");
    await expect(row).toContainText("medium risk");
    await expect(row).toContainText(REQUESTER.email);
    await expect(row).toContainText(/6d 23h left/);
    await expect(row).toContainText("0 of 1 approval");
    await row.getByRole("link", { name: title }).click();

    // What would happen: the version's YAML against the one it replaces.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByText("Clearer wording for the audit")).toBeVisible();
    const diff = page.getByRole("region", { name: "Policy: v1 to v2" });
    await expect(diff).toContainText("fixture paths are written by people, never by agents");
    await expect(diff.locator("tr.bg-emerald-50")).toHaveCount(1);
    await expect(diff.locator("tr.bg-red-50")).toHaveCount(1);
    // Why: the rule, where it comes from, how far it is met.
    await expect(page.getByText("Needs 1 approval from policy admin or platform admin.")).toBeVisible();
    await expect(page.getByRole("list", { name: "Where the rule comes from" })).toHaveText("platform-approvals/policy_activation");
    await expect(page.getByRole("list", { name: "Thresholds and approvals so far" })).toContainText("0 of 1");
    // Who: the requester and author, and who else may decide (never them).
    const eligible = page.getByRole("list", { name: "People who may decide" });
    await expect(eligible.getByRole("listitem").filter({ hasText: PLATFORM_ADMIN.email })).toContainText("not yet");
    await expect(eligible).not.toContainText(REQUESTER.email);
    // History: version 1's activation, approved.
    await expect(page.getByRole("list", { name: "Similar requests, newest first" })).toContainText("approved");

    // A approves (the hint says so); the page shows the outcome at once, then how it was applied.
    await expect(page.getByText("Keyboard: A approve")).toBeVisible();
    await shortcutsReady(page);
    await page.keyboard.press("a");
    const outcome = page.getByRole("region", { name: "Approved" });
    await expect(outcome).toContainText(`Approved by ${PLATFORM_ADMIN.email}`);
    await expect(page.getByRole("button", { name: /^Approve/ })).toHaveCount(0);
    await expect(outcome.getByRole("status")).toContainText(`${approved.name} v2 is active; v1 retired`, { timeout: 15_000 });
    const votes = page.getByRole("list", { name: "Votes in order" }).getByRole("listitem");
    await expect(votes).toHaveCount(1);
    await expect(votes).toContainText(PLATFORM_ADMIN.email);
    await expect(votes).toContainText("approved");
    // It left the inbox.
    await page.getByRole("link", { name: "Approvals", exact: true }).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Approvals");
    await expect(page.getByRole("link", { name: title, exact: true })).toHaveCount(0);
    await page.context().close();
  });

  test("the requester follows it under Raised by me and cannot vote on their own request", async ({ browser }) => {
    const page = await pageAs(browser, REQUESTER);
    await page.goto(`/${OWN_TENANT}/approvals`);
    await page.getByRole("navigation", { name: "Approval views" }).getByRole("link", { name: /^Raised by me/ }).click();
    await expect(page).toHaveURL(/[?&]view=mine(&|$)/);
    await expect(await rowOf(page, approved.approval.title)).toContainText("approved");
    const pending = await rowOf(page, denied.approval.title);
    await expect(pending).toContainText("pending");

    // The state filter is in the URL.
    await page.getByLabel("State").selectOption("approved");
    await expect(page).toHaveURL(/[?&]state=approved(&|$)/);
    await expect(await rowOf(page, approved.approval.title)).toBeVisible();
    await expect(page.getByRole("link", { name: denied.approval.title, exact: true })).toHaveCount(0);

    await page.goto(`/${OWN_TENANT}/approvals/${denied.approval.id}`);
    await expect(page.getByText("You cannot vote on this request: you raised this request.")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Approve/ })).toBeDisabled();
    await expect(page.getByRole("button", { name: /^Deny/ })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Withdraw request" })).toBeVisible();
    await page.context().close();
  });

  test("a denial needs a reason; typing never fires a shortcut", async ({ browser }) => {
    const page = await pageAs(browser, PLATFORM_ADMIN);
    await page.goto(`/${OWN_TENANT}/approvals/${denied.approval.id}`);
    await shortcutsReady(page);
    const reason = page.getByRole("textbox", { name: /^Reason/ });
    await expect(page.getByText("Reason (required to deny, optional to approve)")).toBeVisible();

    // D moves to the reason; Deny without one is refused here, and nothing is recorded.
    await page.keyboard.press("d");
    await expect(reason).toBeFocused();
    await page.getByRole("button", { name: /^Deny/ }).click();
    await expect(page.getByText("A reason is required to deny.")).toBeVisible();
    await expect(reason).toBeFocused();
    expect(await voteCount(denied.approval.id)).toBe(0);

    // Letters typed into the reason are text, not shortcuts (this one holds an "a" and a "d").
    await reason.pressSequentially("a draft that nobody tested");
    await expect(reason).toHaveValue("a draft that nobody tested");
    await expect(page.getByText("pending", { exact: true }).first()).toBeVisible();
    expect(await voteCount(denied.approval.id)).toBe(0);

    await reason.press("Control+Enter");
    const outcome = page.getByRole("region", { name: "Denied" });
    await expect(outcome).toContainText(`Denied by ${PLATFORM_ADMIN.email}: a draft that nobody tested`);
    await expect(outcome.getByRole("status")).toContainText(`${denied.name} v1 stays draft: activation denied`, { timeout: 15_000 });
    await expect(page.getByRole("list", { name: "Votes in order" })).toContainText("a draft that nobody tested");
    await page.context().close();
  });

  test("the auditor reads every request and sees a decision arrive without a reload; a viewer has no approvals", async ({ browser }) => {
    const page = await pageAs(browser, AUDITOR);
    await page.goto(`/${OWN_TENANT}/approvals`);
    // Nothing waits for an auditor: they oversee, they do not decide.
    await expect(page.getByText("Nothing waits for you")).toBeVisible();
    await page.getByRole("navigation", { name: "Approval views" }).getByRole("link", { name: "All" }).click();
    await expect(page).toHaveURL(/[?&]view=all(&|$)/);
    for (const r of [approved, denied, watched]) await expect(await rowOf(page, r.approval.title)).toBeVisible();

    await page.goto(`/${OWN_TENANT}/approvals/${watched.approval.id}`);
    await expect(page.getByText("You cannot vote on this request: the rule asks for 1 approval from policy admin or platform admin.")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Approve/ })).toBeDisabled();
    await expect(page.getByText("No votes yet.")).toBeVisible();

    // The platform admin approves elsewhere: the open page follows.
    const admin = await apiAs(PLATFORM_ADMIN);
    const res = await admin.post(`/api/v1/tenants/${OWN_TENANT}/approvals/${watched.approval.id}/votes`, { data: { vote: "approve", reason: "checked the tests" } });
    expect(res.status(), await res.text()).toBe(201);
    await admin.dispose();
    await expect(page.getByRole("region", { name: "Approved" })).toBeVisible({ timeout: 10_000 });
    await expect(page.getByRole("list", { name: "Votes in order" })).toContainText("checked the tests");
    await expect(page.getByTestId("updated-ago")).toHaveText(/Updated (just now|\d+ s ago)|Updating…/);
    await waitApplied(AUDITOR, watched.approval.id);
    await page.context().close();

    const viewer = await pageAs(browser, VIEWER);
    await viewer.goto(`/${OWN_TENANT}`);
    await expect(viewer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Approvals" })).toHaveCount(0);
    expect((await viewer.goto(`/${OWN_TENANT}/approvals`))?.status()).toBe(404);
    expect((await viewer.goto(`/${OWN_TENANT}/approvals/${approved.approval.id}`))?.status()).toBe(404);
    await viewer.context().close();
  });
});

test("a tenant admin adds a person to a team and removes them", async ({ browser }) => {
  const admin = tenantAdmin(OWN_TENANT);
  const api = await apiAs(admin);
  const slug = `e2e-approvers-${Date.now().toString(36)}`;
  const created = await api.post(`/api/v1/tenants/${OWN_TENANT}/teams`, { data: { slug, name: `Approvers ${slug.slice(-6)}` } });
  expect(created.status(), await created.text()).toBe(201);
  const team = (await created.json()) as { id: string; name: string };
  const person = ROLE_USERS[OWN_TENANT].approver;

  const page = await pageAs(browser, admin);
  await page.goto(`/${OWN_TENANT}/admin/teams`);
  const row = page.getByRole("row").filter({ hasText: slug });
  await expect(row).toContainText("No members");
  await row.getByRole("button", { name: `Add a member to team ${team.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Add a member to ${team.name}` });
  await dialog.getByLabel("Person").selectOption({ label: `Acme Corp Approver — ${person.email}` });
  await dialog.getByRole("button", { name: "Add to team" }).click();
  await expect(page.getByText(`Acme Corp Approver was added to ${team.name}.`)).toBeVisible();
  await expect(row).toContainText("Acme Corp Approver");

  await row.getByRole("button", { name: `Remove Acme Corp Approver from team ${team.name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove from team" }).click();
  await expect(row).toContainText("No members");
  await api.delete(`/api/v1/tenants/${OWN_TENANT}/teams/${team.id}`);
  await api.dispose();
  await page.context().close();
});
