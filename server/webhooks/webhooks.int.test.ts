// Outgoing webhooks against the real Postgres and Redis, delivered by a real worker to a receiver on
// loopback that checks the signature: approval.requested when a request is raised, approval.decided
// when its outcome is applied, retries with backoff ending in failed, redelivery, the digest that
// replaces per-request events above the threshold, the reconciler, and what is never stored or shown.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "../../e2e/support/webhook-receiver";
import { applyOutcome } from "../wiring/approval-consumers";
import { voteOnApproval } from "../approvals/vote-on-approval";
import { db, disconnectDb } from "../db/client";
import { overrideEnv } from "../env";
import { AppError } from "../core/app-error";
import { closeQueues } from "../jobs/enqueue";
import { startWorkers, type RunningWorkers } from "../jobs/start-workers";
import { JOB_HANDLERS } from "../wiring/job-handlers";
import { createWebhook } from "./create-webhook";
import { deliverWebhook } from "./deliver-webhook";
import { emitApprovalRequested } from "./emit-approval-events";
import { getWebhook } from "./get-webhook";
import { listDeliveries } from "./list-deliveries";
import { listWebhooks } from "./list-webhooks";
import { reconcileWebhooks } from "./reconcile-webhooks";
import { redeliverDelivery } from "./redeliver-delivery";
import { rotateWebhookSecret } from "./rotate-webhook-secret";
import { verifySignature } from "./signature";
import { as, raise, reading, tenantWithPeople, until } from "./test-support";
import { updateWebhook } from "./update-webhook";
import { ZCreateWebhook } from "./webhook-input";
import { MAX_ATTEMPTS } from "./events";

overrideEnv({ QUEUE_PREFIX: `fleetgate-hooks-test-${randomBytes(3).toString("hex")}` });

let workers: RunningWorkers;
let receiver: WebhookReceiver;

beforeAll(async () => {
  workers = await startWorkers(JOB_HANDLERS, { schedule: false, concurrency: 4 });
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  await workers.close();
  await receiver.close();
  await closeQueues();
  await disconnectDb();
});

type People = Awaited<ReturnType<typeof tenantWithPeople>>;

const hook = (t: People, url: string, extra: Partial<Record<string, unknown>> = {}) =>
  as(t.admin, t.tenant, (ctx) => createWebhook(ctx, ZCreateWebhook.parse({ url, ...extra })));

const deliveriesOf = (endpointId: string) => db.webhookDelivery.findMany({ where: { endpointId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

const forRequest = (id: string, event = "approval.requested") => (r: { headers: Record<string, unknown>; body: string }) =>
  r.headers["x-fleetgate-event"] === event && (JSON.parse(r.body) as { request?: { id: string } }).request?.id === id;

describe("webhook delivery", () => {
  it("sends approval.requested, signed with the secret shown once, to a loopback receiver", async () => {
    const t = await tenantWithPeople("hooks-deliver");
    receiver.respondWith(204);
    const created = await hook(t, receiver.url, { events: ["approval.requested"] });
    expect(created.secret).toMatch(/^whsec_/);

    const request = await raise(t.tenant, t.operator, "Run 7 wants to reach registry.npmjs.org");
    const got = await receiver.waitFor(forRequest(request.id));

    expect(verifySignature(created.secret, got.body, got.headers["x-fleetgate-signature"] as string)).toMatchObject({ ok: true });
    expect(verifySignature("whsec_wrong", got.body, got.headers["x-fleetgate-signature"] as string)).toMatchObject({ ok: false });
    expect(got.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(got.body) as Record<string, any>;
    expect(body.text).toMatch(/^Approval needed in hooks-deliver-\w+: "Run 7 wants to reach registry.npmjs.org" \(tool_call, high risk\), asked by operator-\w+@example.test; expires .* UTC\. http.*\/approvals\//);
    expect(body).toMatchObject({ event: "approval.requested", tenant: t.tenant.slug, request: { id: request.id, kind: "tool_call", risk: "high", state: "pending", requester: t.operator.email } });

    const [row] = await deliveriesOf(created.id);
    expect(got.headers["x-fleetgate-delivery"]).toBe(row!.id);
    await until("the log to say delivered", async () => (await db.webhookDelivery.findUnique({ where: { id: row!.id } }))?.state === "delivered");
    const logged = await reading(t.admin, t.tenant, (ctx) => listDeliveries(ctx, created.id, { limit: 25 }));
    expect(logged.deliveries[0]).toMatchObject({ id: row!.id, event: "approval.requested", state: "delivered", attempts: 1, lastStatus: 204, lastError: null });
    expect(logged.deliveries[0]!.deliveredAt).not.toBeNull();
  });

  it("keeps the signing secret out of the database in clear, the audit trail and every later answer", async () => {
    const t = await tenantWithPeople("hooks-secret");
    const created = await hook(t, receiver.url);
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.secretPrefix).toBe(created.secret.slice(0, 12));
    expect(row.secretEncrypted).not.toContain(created.secret.slice(6, 20));
    const rotated = await as(t.admin, t.tenant, (ctx) => rotateWebhookSecret(ctx, created.id));
    expect(rotated.secret).not.toBe(created.secret);
    const later = [
      await reading(t.admin, t.tenant, (ctx) => listWebhooks(ctx)),
      await reading(t.admin, t.tenant, (ctx) => getWebhook(ctx, created.id)),
      await as(t.admin, t.tenant, (ctx) => updateWebhook(ctx, created.id, { description: "renamed" })),
    ];
    const events = await db.auditEvent.findMany({ where: { tenantId: t.tenant.id, resourceId: created.id } });
    expect(events.map((e) => e.action).sort()).toEqual(["webhook.create", "webhook.rotate_secret", "webhook.update"]);
    const text = JSON.stringify([later, events.map((e) => [e.payload, e.before, e.after])]);
    for (const secret of [created.secret, rotated.secret]) expect(text).not.toContain(secret.slice(6));
    expect(JSON.stringify(later)).not.toContain("secretEncrypted");
    // The URL's path may be a credential: the audit trail has the host only.
    expect(JSON.stringify(events.map((e) => [e.payload, e.before, e.after]))).not.toContain("/hook");
  });

  it("retries a failing receiver (500) with backoff, logs every attempt, ends failed, and redelivers", async () => {
    const t = await tenantWithPeople("hooks-retry");
    const failing = await startWebhookReceiver("/fails");
    try {
      failing.respondWith(500);
      const created = await hook(t, failing.url, { events: ["approval.requested"] });
      const request = await raise(t.tenant, t.operator);
      const [d] = await deliveriesOf(created.id);
      // While it is being retried it cannot be redelivered.
      await expect(as(t.admin, t.tenant, (ctx) => redeliverDelivery(ctx, created.id, d!.id))).rejects.toMatchObject({ code: "conflict" });
      const final = await until("the delivery to fail", async () => {
        const row = await db.webhookDelivery.findUnique({ where: { id: d!.id } });
        return row?.state === "failed" ? row : null;
      }, 45_000);
      expect(final).toMatchObject({ attempts: MAX_ATTEMPTS, lastStatus: 500, deliveredAt: null });
      expect(final.lastError).toBe("HTTP 500: receiver says no (500)");
      const attempts = failing.received.filter(forRequest(request.id));
      expect(attempts.map((a) => a.headers["x-fleetgate-attempt"])).toEqual(Array.from({ length: MAX_ATTEMPTS }, (_, i) => String(i + 1)));
      expect(new Set(attempts.map((a) => a.headers["x-fleetgate-delivery"]))).toEqual(new Set([d!.id]));
      // Exponential backoff from WEBHOOK_RETRY_BASE_MS (200 ms in tests): each wait at least the doubling
      // delay scheduled for it (a busy machine only adds to a wait, so a lower bound holds; 10 % for timers).
      const waits = attempts.slice(1).map((a, i) => a.at - attempts[i]!.at);
      waits.forEach((w, i) => expect(w, `wait before attempt ${i + 2}`).toBeGreaterThanOrEqual(0.9 * 200 * 2 ** i));

      // A pending delivery cannot be redelivered; a failed one can, as a new round with the same id.
      failing.respondWith(200);
      const again = await as(t.admin, t.tenant, (ctx) => redeliverDelivery(ctx, created.id, d!.id));
      expect(again).toMatchObject({ state: "pending", attempts: 0 });
      await until("the redelivery", async () => (await db.webhookDelivery.findUnique({ where: { id: d!.id } }))?.state === "delivered");
      expect(failing.received.filter(forRequest(request.id))).toHaveLength(MAX_ATTEMPTS + 1);
      const audit = await db.auditEvent.findFirst({ where: { tenantId: t.tenant.id, action: "webhook.delivery.redeliver", resourceId: d!.id } });
      expect(audit?.before).toMatchObject({ state: "failed", attempts: MAX_ATTEMPTS, lastStatus: 500 });
    } finally {
      await failing.close();
    }
  }, 60_000);

  it("refuses, at delivery time, a URL that points into a private network, without retrying", async () => {
    const t = await tenantWithPeople("hooks-ssrf");
    const created = await hook(t, receiver.url, { events: ["approval.requested"], enabled: false });
    // Written around the API's check, as if the rules had changed since.
    await db.webhookEndpoint.update({ where: { id: created.id }, data: { url: "https://169.254.169.254/latest/meta-data", enabled: true } });
    const request = await raise(t.tenant, t.operator);
    const [d] = await deliveriesOf(created.id);
    const final = await until("the refusal", async () => {
      const row = await db.webhookDelivery.findUnique({ where: { id: d!.id } });
      return row?.state === "failed" ? row : null;
    });
    expect(final.attempts).toBe(1);
    expect(final.lastError).toMatch(/^refused: the URL must not point into a private or reserved network/);
    expect(request.state).toBe("pending");
  });
});

describe("approval outcomes", () => {
  it("send approval.decided and tell the requester once", async () => {
    const t = await tenantWithPeople("hooks-decided");
    receiver.respondWith(204);
    const created = await hook(t, receiver.url, { events: ["approval.decided"] });
    const request = await raise(t.tenant, t.operator, "Deploy key rotation");
    expect(await deliveriesOf(created.id)).toHaveLength(0);

    await as(t.approver, t.tenant, (ctx) => voteOnApproval(ctx, request.id, { vote: "approve", reason: "looks fine" }));
    // The worker applies the outcome (enqueued after the vote's commit); applying again changes nothing.
    const got = await receiver.waitFor(forRequest(request.id, "approval.decided"));
    expect((await applyOutcome(request.id)).applied).toBe(false);
    const body = JSON.parse(got.body) as Record<string, any>;
    expect(body.text).toMatch(/^Approval request "Deploy key rotation" in hooks-decided-\w+ was approved \(approved by approver-\w+@example\.test\)\. http/);
    expect(body.request).toMatchObject({ id: request.id, state: "approved" });
    expect(verifySignature(created.secret, got.body, got.headers["x-fleetgate-signature"] as string).ok).toBe(true);

    const mine = await db.notification.findMany({ where: { userId: t.operator.id, requestId: request.id } });
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: "approval.decided", dedupeKey: `approval.decided:${request.id}`, title: "Your request was approved: Deploy key rotation", readAt: null });
    expect(mine[0]!.link).toBe(`/${t.tenant.slug}/approvals/${request.id}`);
    expect(await deliveriesOf(created.id)).toHaveLength(1);
  });
});

describe("no flood", () => {
  it("sends one approval.digest instead of per-request events above the endpoint's threshold, at most once per 15 minutes", async () => {
    const t = await tenantWithPeople("hooks-digest");
    receiver.respondWith(204);
    const digesting = await hook(t, `${receiver.url}/digest`, { events: ["approval.requested", "approval.digest"], digestThreshold: 2 });
    const perRequest = await hook(t, `${receiver.url}/all`, { events: ["approval.requested"], digestThreshold: 100 });
    for (let i = 0; i < 5; i++) await raise(t.tenant, t.operator, `Request ${i + 1}`);

    const digestLog = await deliveriesOf(digesting.id);
    expect(digestLog.map((d) => d.event)).toEqual(["approval.requested", "approval.requested", "approval.digest"]);
    const digest = digestLog[2]!.payload as Record<string, any>;
    expect(digest.pending).toMatchObject({ count: 3, threshold: 2 });
    expect(digest.pending.requests.map((r: { title: string }) => r.title)).toEqual(["Request 1", "Request 2", "Request 3"]);
    expect(digest.text).toMatch(/^3 approval requests are waiting in hooks-digest-\w+ \(more than 2/);
    expect((await deliveriesOf(perRequest.id)).map((d) => d.event)).toEqual(Array(5).fill("approval.requested"));
    // The in-app side: one notification per request per eligible person (two approvers, one admin).
    expect(await db.notification.count({ where: { tenantId: t.tenant.id, kind: "approval.requested" } })).toBe(5 * 3);
  });

  it("sends one digest when requests above the threshold are raised at the same moment", async () => {
    const t = await tenantWithPeople("hooks-digest-race");
    receiver.respondWith(204);
    const created = await hook(t, `${receiver.url}/race`, { events: ["approval.digest"], digestThreshold: 1 });
    await raise(t.tenant, t.operator);
    await Promise.all(Array.from({ length: 6 }, () => raise(t.tenant, t.operator)));
    expect((await deliveriesOf(created.id)).map((d) => d.event)).toEqual(["approval.digest"]);
  });

  it("writes nothing for a disabled webhook or one not subscribed to the event", async () => {
    const t = await tenantWithPeople("hooks-quiet");
    const disabled = await hook(t, receiver.url, { enabled: false });
    const decidedOnly = await hook(t, receiver.url, { events: ["approval.decided"] });
    await raise(t.tenant, t.operator);
    expect(await deliveriesOf(disabled.id)).toHaveLength(0);
    expect(await deliveriesOf(decidedOnly.id)).toHaveLength(0);
  });
});

describe("the reconciler", () => {
  it("sends pending deliveries nobody enqueued (Redis lost them, or a worker died)", async () => {
    const t = await tenantWithPeople("hooks-reconcile");
    receiver.respondWith(204);
    const created = await hook(t, receiver.url, { events: ["approval.requested"] });
    const request = await raise(t.tenant, t.operator);
    await until("the first delivery", async () => (await deliveriesOf(created.id))[0]?.state === "delivered");
    // A delivery written without a job, as by an outcome whose enqueue was lost.
    const row = await db.approvalRequest.findUniqueOrThrow({ where: { id: request.id } });
    const [orphan] = await db.$transaction((tx) => emitApprovalRequested(tx, t.tenant.slug, row));
    const before = receiver.received.length;
    const { requeued } = await reconcileWebhooks({ slackMs: 0 });
    expect(requeued).toBeGreaterThanOrEqual(1);
    await until("the orphan to be delivered", async () => (await db.webhookDelivery.findUnique({ where: { id: orphan! } }))?.state === "delivered");
    expect(receiver.received.length).toBeGreaterThan(before);
    // Delivered is final: running the job again sends nothing.
    expect(await deliverWebhook(orphan!)).toEqual({ outcome: "done", state: "delivered" });
  });
});

describe("tenant isolation and input", () => {
  it("answers 404 for another tenant's webhook and refuses URLs the rules forbid", async () => {
    const a = await tenantWithPeople("hooks-iso-a");
    const b = await tenantWithPeople("hooks-iso-b");
    const created = await hook(a, receiver.url);
    await expect(as(b.admin, b.tenant, (ctx) => updateWebhook(ctx, created.id, { enabled: false }))).rejects.toMatchObject({ code: "not_found" });
    await expect(reading(b.admin, b.tenant, (ctx) => listDeliveries(ctx, created.id, { limit: 5 }))).rejects.toMatchObject({ code: "not_found" });
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: created.id } })).enabled).toBe(true);
    for (const url of ["http://example.com/x", "https://user:pw@example.com/x", "https://10.0.0.8/x", "gopher://example.com/"]) {
      const e = await hook(a, url).catch((x: unknown) => x);
      expect(e, url).toBeInstanceOf(AppError);
      expect((e as AppError).details?.issues?.[0]?.path).toBe("body.url");
    }
  });
});
