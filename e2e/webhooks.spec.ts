// A tenant admin's outgoing webhook, end to end: added in the console (the signing secret shown
// once), an approval request raised through the API by a policy admin reaches a receiver on
// loopback signed with that secret, the delivery log shows it delivered; a receiver that fails is
// retried until the log says failed with its answer, and Redeliver sends it again; rotating the
// secret signs from then on with the new one; deleting asks first. The people who may decide the
// request see it under the bell.
//
// Deliveries are sent by the worker that global setup runs beside the web server, with the web
// server's own environment (database, queue prefix and NEXTAUTH_SECRET, from which the key that
// encrypts signing secrets is derived).
import { expect, test, type Page } from "@playwright/test";
import { verifySignature } from "../server/webhooks/signature";
import { OWN_TENANT, PLATFORM_ADMIN, ROLE_USERS, storageStateOf, tenantAdmin } from "./fixtures";
import { policyActivation } from "./support/approvals";
import { sql } from "./support/db";
import { BASE_URL } from "./support/env";
import { startWebhookReceiver, type Received, type WebhookReceiver } from "./support/webhook-receiver";
import { MAX_ATTEMPTS } from "../server/webhooks/events";
import { expectNoSeriousViolations } from "./support/axe";

const TENANT = OWN_TENANT;

test.describe.configure({ mode: "serial" });
test.use({ storageState: storageStateOf(tenantAdmin(TENANT)) });

let receiver: WebhookReceiver;

test.beforeAll(async () => {
  receiver = await startWebhookReceiver("/fleetgate");
});

test.afterAll(async () => {
  await receiver?.close();
});

const unique = () => Math.random().toString(36).slice(2, 10);

/** A policy admin writes a policy document and asks for its activation: an approval request. */
async function raiseActivation(): Promise<{ id: string; title: string }> {
  return (await policyActivation(ROLE_USERS[TENANT].policy_admin, { note: "for the webhook journey" })).approval;
}

const aboutRequest = (id: string, event = "approval.requested") => (r: Received) =>
  r.headers["x-fleetgate-event"] === event && (JSON.parse(r.body) as { request?: { id?: string } }).request?.id === id;

async function deliveryState(deliveryId: string): Promise<string | undefined> {
  return (await sql<{ state: string }>(`SELECT state FROM "WebhookDelivery" WHERE id = $1`, [deliveryId]))[0]?.state;
}

let secret = "";
let webhookPath = "";

test("an admin adds a webhook; an approval request reaches the receiver signed, and the log shows it delivered", async ({ page }) => {
  await page.goto(`/${TENANT}/admin/webhooks`);
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  await expectNoSeriousViolations(page, "webhooks");

  const description = `e2e receiver ${unique()}`;
  await page.getByRole("button", { name: "Add webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Add webhook" });
  await dialog.getByRole("textbox", { name: "Payload URL" }).fill(receiver.url);
  await dialog.getByRole("textbox", { name: /^Description/ }).fill(description);
  // Far above what other journeys leave pending in this tenant, so each request is its own event.
  await dialog.getByRole("spinbutton", { name: "Digest threshold" }).fill("5000");
  await expectNoSeriousViolations(page, "Add webhook dialog");
  await dialog.getByRole("button", { name: "Add webhook" }).click();

  const added = page.getByRole("dialog", { name: "Webhook added" });
  secret = await added.getByLabel("Signing secret").inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  await added.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  // The secret is not on the page any more, and never comes back.
  await expect(page.locator("body")).not.toContainText(secret);

  const row = page.getByRole("row").filter({ hasText: description });
  await expect(row).toContainText(secret.slice(0, 12));
  await row.getByRole("link", { name: receiver.url }).click();
  await expect(page).toHaveURL(new RegExp(`/${TENANT}/admin/webhooks/\\w+$`));
  webhookPath = new URL(page.url()).pathname;
  // Other journeys raise and end approval requests in this tenant at any moment (a cancelled run's
  // request, for one), so the new webhook's log may already hold their events: the log is there.
  await expect(page.getByRole("heading", { name: "Delivery log" })).toBeVisible();

  const approval = await raiseActivation();
  const got = await receiver.waitFor(aboutRequest(approval.id));
  expect(verifySignature(secret, got.body, got.headers["x-fleetgate-signature"] as string)).toMatchObject({ ok: true });
  const body = JSON.parse(got.body) as { text: string; tenant: string; request: Record<string, unknown> };
  expect(body.tenant).toBe(TENANT);
  expect(body.text).toContain(`Approval needed in ${TENANT}: "${approval.title}"`);
  expect(body.request).toMatchObject({ id: approval.id, kind: "policy_activation", state: "pending", link: `${BASE_URL}/${TENANT}/approvals/${approval.id}` });
  const deliveryId = got.headers["x-fleetgate-delivery"] as string;
  await expect.poll(() => deliveryState(deliveryId)).toBe("delivered");

  await page.reload();
  const logRow = page.getByRole("row").filter({ hasText: "approval.requested" }).filter({ hasText: approval.title });
  await expect(logRow).toContainText("delivered");
  await expect(logRow).toContainText("HTTP 204");
  await logRow.getByRole("button", { name: /^Payload/ }).click();
  const payload = page.getByRole("dialog", { name: "Delivery approval.requested" });
  await expect(payload.getByRole("region", { name: "Payload" })).toContainText(approval.id);
  await expectNoSeriousViolations(page, "delivery payload");
  await payload.getByRole("button", { name: "Close" }).first().click();
  await expectNoSeriousViolations(page, "webhook detail");
});

test("a failing receiver is retried until the log says failed with its answer; Redeliver sends it again", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(webhookPath);
  receiver.respondWith(500);
  const before = receiver.received.length;
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByText("Test event queued")).toBeVisible();
  const first = await receiver.waitFor((r) => r.headers["x-fleetgate-event"] === "ping" && receiver.received.indexOf(r) >= before);
  const deliveryId = first.headers["x-fleetgate-delivery"] as string;
  await expect.poll(() => deliveryState(deliveryId), { timeout: 45_000 }).toBe("failed");

  const failed = page.getByRole("row").filter({ hasText: "ping" }).filter({ hasText: "failed" });
  await expect(failed).toContainText("HTTP 500: receiver says no (500)");
  await expect(failed.getByRole("cell").nth(3)).toHaveText(String(MAX_ATTEMPTS));
  const pings = receiver.received.filter((r) => r.headers["x-fleetgate-delivery"] === deliveryId);
  expect(pings.map((r) => r.headers["x-fleetgate-attempt"])).toEqual(Array.from({ length: MAX_ATTEMPTS }, (_, i) => String(i + 1)));

  await page.getByLabel("Delivery state").selectOption("failed");
  await expect(page).toHaveURL(/state=failed/);
  await expect(page.getByRole("row").filter({ hasText: "ping" })).toHaveCount(1);

  receiver.respondWith(204);
  await failed.getByRole("button", { name: /^Redeliver/ }).click();
  await expect(page.getByText("Queued for redelivery")).toBeVisible();
  await expect.poll(() => deliveryState(deliveryId)).toBe("delivered");
  const again = receiver.received.filter((r) => r.headers["x-fleetgate-delivery"] === deliveryId).at(-1)!;
  expect(again.headers["x-fleetgate-attempt"]).toBe("1");
  expect(verifySignature(secret, again.body, again.headers["x-fleetgate-signature"] as string).ok).toBe(true);
  await page.getByLabel("Delivery state").selectOption("delivered");
  await expect(page.getByRole("row").filter({ hasText: "ping" }).first()).toContainText("delivered");
});

test("rotating the secret shows the new one once and signs with it; deleting asks first", async ({ page }) => {
  await page.goto(webhookPath);
  await page.getByRole("button", { name: "Rotate secret" }).click();
  const confirm = page.getByRole("dialog", { name: "Rotate the signing secret?" });
  await expect(confirm).toContainText(secret.slice(0, 12));
  await confirm.getByRole("button", { name: "Rotate secret" }).click();
  const shown = page.getByRole("dialog", { name: "Secret rotated" });
  const next = await shown.getByLabel("Signing secret").inputValue();
  expect(next).not.toBe(secret);
  await shown.getByRole("button", { name: "Done" }).click();

  const before = receiver.received.length;
  await page.getByRole("button", { name: "Send test event" }).click();
  const ping = await receiver.waitFor((r) => r.headers["x-fleetgate-event"] === "ping" && receiver.received.indexOf(r) >= before);
  expect(verifySignature(next, ping.body, ping.headers["x-fleetgate-signature"] as string).ok).toBe(true);
  expect(verifySignature(secret, ping.body, ping.headers["x-fleetgate-signature"] as string).ok).toBe(false);

  await page.getByRole("button", { name: /^Delete/ }).click();
  const del = page.getByRole("dialog", { name: "Delete this webhook?" });
  await del.getByRole("button", { name: "Cancel" }).click();
  await expect(page).toHaveURL(new RegExp(`${webhookPath}$`));
  await page.getByRole("button", { name: /^Delete/ }).click();
  await del.getByRole("button", { name: "Delete webhook" }).click();
  await expect(page).toHaveURL(new RegExp(`/${TENANT}/admin/webhooks$`));
  await expect(page.getByRole("link", { name: receiver.url })).toHaveCount(0);
  expect((await page.goto(webhookPath))?.status()).toBe(404);
});

test.describe("the bell", () => {
  test.use({ storageState: storageStateOf(PLATFORM_ADMIN) });

  test("tells the people who may decide a request, links to it and marks it read", async ({ page }) => {
    const approval = await raiseActivation();
    await page.goto(`/${TENANT}/notifications?filter=unread`);
    await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Notifications, \d+ unread$/ })).toBeVisible();
    const item = page.getByRole("listitem").filter({ hasText: `Approval needed: ${approval.title}` });
    await expect(item).toContainText("request pending");
    await expectNoSeriousViolations(page, "notifications");

    await page.getByRole("button", { name: /^Notifications, \d+ unread$/ }).click();
    const menu = page.getByRole("menu");
    await expect(menu.getByRole("menuitem").first()).toBeVisible();
    await expectNoSeriousViolations(page, "notification menu");
    await page.keyboard.press("Escape");

    await item.getByRole("link", { name: `Approval needed: ${approval.title}` }).click();
    await expect(page).toHaveURL(new RegExp(`/${TENANT}/approvals/${approval.id}$`));
    await expect.poll(async () => (await sql<{ readAt: Date | null }>(
      `SELECT n."readAt" FROM "Notification" n JOIN "User" u ON u.id = n."userId" WHERE n."requestId" = $1 AND u.email = $2`, [approval.id, PLATFORM_ADMIN.email],
    ))[0]?.readAt).not.toBeNull();

    // Other journeys keep raising requests the platform admin may decide: "all" is all until now.
    await page.goto(`/${TENANT}/notifications`);
    const now = (await sql<{ now: Date }>(`SELECT now() AS now`))[0]!.now;
    await page.getByRole("button", { name: "Mark all read" }).click();
    await expect.poll(async () => Number((await sql<{ n: string }>(
      `SELECT count(*) AS n FROM "Notification" n JOIN "User" u ON u.id = n."userId" JOIN "Tenant" t ON t.id = n."tenantId"
       WHERE u.email = $1 AND t.slug = $2 AND n."readAt" IS NULL AND n."createdAt" < $3`, [PLATFORM_ADMIN.email, TENANT, now],
    ))[0]!.n)).toBe(0);
  });
});
