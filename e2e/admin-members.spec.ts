// A tenant admin invites a person who already has an account (in globex); the person accepts in
// their own console and joins; the admin changes their roles and signs them out everywhere, which
// the person's open console feels on its next request. Each step is in the audit log, attributed to
// who took it. An invitation nobody answered can be withdrawn. Only who holds member.set_password
// (the platform admin) is offered an initial password.
import { FOREIGN_TENANT, OWN_TENANT, PLATFORM_ADMIN, storageStateOf, tenantAdmin } from "./fixtures";
import { expect, test, unique } from "./support/api";
import { sql } from "./support/db";
import { Factory } from "./support/factory";

const ADMIN = tenantAdmin(OWN_TENANT);
test.use({ storageState: storageStateOf(ADMIN) });

test("invite, accept, change roles, end sessions, find it all in the audit log", async ({ page, browser, as }) => {
  // Two browsers and a sign-in of the invited person: a long journey.
  test.slow();
  const person = await new Factory(as).member(FOREIGN_TENANT);
  const email = String(person.email);
  const name = String(person.name);

  // The admin invites the address with Viewer + Operator.
  await page.goto(`/${OWN_TENANT}/admin/members`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Members & roles");
  await page.getByRole("button", { name: "Invite member" }).click();
  const invite = page.getByRole("dialog", { name: "Invite member" });
  await invite.getByLabel("E-mail").fill(email);
  await expect(invite.getByRole("checkbox", { name: /^Viewer/ })).toBeChecked();
  await invite.getByRole("checkbox", { name: /^Operator/ }).check();
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(invite).toBeHidden();
  await expect(page.getByRole("status")).toContainText(`${email} was invited.`);
  const pending = page.getByRole("table", { name: /^Pending invitations/ }).getByRole("row").filter({ hasText: email });
  await expect(pending).toContainText("Operator");
  // Not a member until they say yes.
  await expect(page.getByRole("table", { name: /^Members of/ }).getByRole("row").filter({ hasText: email })).toHaveCount(0);

  // The person, signed in to globex, sees the invitation and accepts it.
  const theirs = await browser.newContext({ storageState: storageStateOf(email) });
  const them = await theirs.newPage();
  await them.goto(`/${FOREIGN_TENANT}`);
  const offer = them.getByRole("listitem", { name: "Invitation to Acme Corp" });
  await expect(offer).toContainText(ADMIN.email);
  await offer.getByRole("button", { name: "Accept the invitation to Acme Corp" }).click();
  await expect(them).toHaveURL(new RegExp(`/${OWN_TENANT}$`));
  await expect(them.getByRole("heading", { level: 1 })).toContainText("Acme");

  await page.reload();
  const row = page.getByRole("table", { name: /^Members of/ }).getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Viewer");
  await expect(row).toContainText("Operator");
  await expect(page.getByRole("table", { name: /^Pending invitations/ }).getByRole("row").filter({ hasText: email })).toHaveCount(0);
  const [membership] = await sql<{ id: string; roles: string[] }>(
    `SELECT m.id, m.roles FROM "Membership" m JOIN "User" u ON u.id = m."userId" JOIN "Tenant" t ON t.id = m."tenantId" WHERE u.email = $1 AND t.slug = $2`,
    [email, OWN_TENANT],
  );
  expect(membership?.roles.sort()).toEqual(["operator", "viewer"]);

  // Change roles: drop Viewer and Operator, give Auditor.
  await row.getByRole("button", { name: `Edit roles of ${email}` }).click();
  const edit = page.getByRole("dialog", { name: `Edit roles of ${name}` });
  await edit.getByRole("checkbox", { name: /^Viewer/ }).uncheck();
  await edit.getByRole("checkbox", { name: /^Operator/ }).uncheck();
  await edit.getByRole("checkbox", { name: /^Auditor/ }).check();
  await edit.getByRole("button", { name: "Save roles" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole("status")).toContainText(`Roles of ${email} were updated.`);
  await expect(row).toContainText("Auditor");
  await expect(row).not.toContainText("Operator");

  // End their sessions: confirmed first; their open console must sign in again on its next request.
  await row.getByRole("button", { name: `End sessions of ${email}` }).click();
  const confirm = page.getByRole("dialog", { name: `Sign ${email} out everywhere?` });
  await confirm.getByRole("button", { name: "End sessions" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("status")).toContainText(`${email} was signed out everywhere (1 session ended).`);
  await them.reload();
  await expect(them).toHaveURL(/\/signin/);
  await theirs.close();

  // The audit log, filtered by the membership: their joining, then the admin's two changes.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  await page.getByLabel("Resource id").fill(membership!.id);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`resourceId=${membership!.id}`));
  const events = page.getByRole("table").getByRole("row").filter({ hasText: membership!.id });
  await expect(events).toHaveCount(3);
  await expect(events.nth(0)).toContainText("member.end_sessions");
  await expect(events.nth(1)).toContainText("member.update_roles");
  await expect(events.nth(2)).toContainText("member.add");
  for (const i of [0, 1]) await expect(events.nth(i)).toContainText(ADMIN.email);
  await expect(events.nth(2)).toContainText(email);

  // The role change's detail page shows before and after.
  await events.nth(1).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Audit event #\d+$/);
  await expect(page.getByText('"auditor"').first()).toBeVisible();
});

test("an invitation nobody answered is withdrawn", async ({ page }) => {
  const email = `ui-${unique()}@example.test`;
  await page.goto(`/${OWN_TENANT}/admin/members`);
  await page.getByRole("button", { name: "Invite member" }).click();
  const invite = page.getByRole("dialog", { name: "Invite member" });
  await invite.getByLabel("E-mail").fill(email);
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(invite).toBeHidden();
  const pending = page.getByRole("table", { name: /^Pending invitations/ }).getByRole("row").filter({ hasText: email });
  await pending.getByRole("button", { name: `Withdraw the invitation of ${email}` }).click();
  await page.getByRole("dialog", { name: `Withdraw the invitation of ${email}?` }).getByRole("button", { name: "Withdraw invitation" }).click();
  await expect(page.getByRole("status")).toContainText(`The invitation of ${email} was withdrawn.`);
  await expect(pending).toHaveCount(0);
  const [row] = await sql<{ withdrawnAt: Date | null }>(`SELECT "withdrawnAt" FROM "Invitation" WHERE email = $1`, [email]);
  expect(row?.withdrawnAt).not.toBeNull();
});

test("an initial password is offered only to who holds member.set_password", async ({ page, browser }) => {
  const inviteDialog = async (p: typeof page) => {
    await p.goto(`/${OWN_TENANT}/admin/members`);
    await p.getByRole("button", { name: "Invite member" }).click();
    const dialog = p.getByRole("dialog", { name: "Invite member" });
    await expect(dialog.getByLabel("E-mail")).toBeVisible();
    return dialog;
  };
  await expect((await inviteDialog(page)).getByLabel("Initial password")).toHaveCount(0);
  const platform = await browser.newContext({ storageState: storageStateOf(PLATFORM_ADMIN) });
  await expect((await inviteDialog(await platform.newPage())).getByLabel("Initial password")).toBeVisible();
  await platform.close();
});
