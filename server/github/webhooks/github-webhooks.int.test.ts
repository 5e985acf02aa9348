// GitHub's webhooks into Fleetgate, end to end against the twin: signed deliveries through the real
// route, stored once per X-GitHub-Delivery, applied once by the worker; bad input refused or ignored
// with the reason; reviews that do not count; a person's push freezing the changeset; a merge with
// GitHub's own time; a review request outside the task's scope escalated. Every exchange and webhook
// of each test matches GitHub's published schemas.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { overrideEnv } from "../../env";
import { processDelivery } from "./process-delivery";
import { MAX_DELIVERY_BYTES } from "./receive-delivery";
import { requeueDeliveries } from "./requeue-deliveries";
import { startWebhookFixture, type WebhookFixture } from "../../test/github-webhook-fixture";

let w: WebhookFixture;
beforeAll(async () => {
  w = await startWebhookFixture("ghhooks");
});
afterEach(() => {
  expect(w.f.takeProblems()).toEqual([]);
});
afterAll(async () => {
  await w?.close();
});

const changeset = (id: string) => db.changeset.findUniqueOrThrow({ where: { id } });
const events = (changesetId: string, kind?: string) => db.changesetEvent.findMany({ where: { changesetId, ...(kind ? { kind } : {}) }, orderBy: { seq: "asc" } });
const twinPull = (number: number) => w.f.twin.ctx.store.data.pulls.find((p) => p.number === number && w.f.twin.ctx.store.data.repositories.find((r) => r.id === p.repositoryId)?.name === "widgets")!;
const rowOf = (guid: string) => db.githubDelivery.findUniqueOrThrow({ where: { deliveryId: guid } });
const last = (event: string, action?: string) => w.deliveries().filter((d) => d.event === event && (!action || d.action === action)).at(-1)!;

describe("a signed delivery", () => {
  it("is stored and applied once, even when GitHub redelivers it", async () => {
    const pr = await w.agentPr();
    const opened = await rowOf(last("pull_request", "opened").guid);
    expect(opened).toMatchObject({ event: "pull_request", action: "opened", outcome: "applied", tenantId: w.tenant.id, githubInstallationId: BigInt(w.f.installationId) });
    const cs = await changeset(pr.changesetId);
    // The PR's number and URL come from GitHub, with its creation time exactly.
    expect(cs).toMatchObject({ state: "draft", prNumber: pr.number, openedAt: new Date(twinPull(pr.number).createdAt) });

    await w.human({ action: "approve", user: "alice", number: pr.number });
    await w.settle();
    const review = last("pull_request_review");
    const before = await events(pr.changesetId);
    expect(await changeset(pr.changesetId)).toMatchObject({ reviewState: "approved", firstReviewAt: new Date(review.payload.review ? (review.payload.review as { submitted_at: string }).submitted_at : "") });

    // GitHub redelivers with the same X-GitHub-Delivery: stored once, applied once.
    expect((await w.f.call("POST", `/_twin/deliveries/${review.id}/redeliver`)).status).toBe(200);
    await w.settle();
    expect(review.attempts.map((a) => a.statusCode)).toEqual([202, 202]);
    expect(await db.githubDelivery.count({ where: { deliveryId: review.guid } })).toBe(1);
    expect(await processDelivery(review.guid)).toMatchObject({ outcome: "applied", duplicate: true });
    expect(await events(pr.changesetId)).toEqual(before);
  });
});

describe("bad input", () => {
  const body = JSON.stringify({ action: "opened", installation: { id: 1 } });

  it("refuses a missing or wrong signature with 401, and stores nothing", async () => {
    const id = crypto.randomUUID();
    const wrong = await w.post("pull_request", body, { secret: "not-the-webhook-secret", deliveryId: id });
    expect(wrong).toEqual({ status: 401, body: { error: { code: "unauthenticated", message: expect.stringMatching(/signature does not match/), details: {} } } });
    const missing = await w.post("pull_request", body, { secret: null, deliveryId: id });
    expect(missing.status).toBe(401);
    expect(missing.body.error.message).toMatch(/no X-Hub-Signature-256/);
    expect(await db.githubDelivery.count({ where: { deliveryId: id } })).toBe(0);
  });

  it("refuses what is not a delivery (400, 413, 415), never a 500, and stores nothing", async () => {
    const id = crypto.randomUUID();
    const answers = [
      await w.post(null, body, { deliveryId: id }),
      await w.post("pull_request", body, { deliveryId: null }),
      await w.post("pull_request", body, { deliveryId: "12345" }),
      await w.post("pull_request", "{not json", { deliveryId: id }),
      await w.post("pull_request", "[1,2]", { deliveryId: id }),
      await w.post("pull_request", `payload=${encodeURIComponent(body)}`, { deliveryId: id, contentType: "application/x-www-form-urlencoded" }),
      await w.post("pull_request", JSON.stringify({ pad: "x".repeat(MAX_DELIVERY_BYTES) }), { deliveryId: id }),
    ];
    expect(answers.map((a) => [a.status, a.body.error.code])).toEqual([
      [400, "bad_request"], [400, "bad_request"], [400, "bad_request"], [400, "bad_request"], [400, "bad_request"], [415, "unsupported_media_type"], [413, "payload_too_large"],
    ]);
    expect(answers[0]!.body.error.message).toMatch(/X-GitHub-Event/);
    expect(answers[3]!.body.error.message).toMatch(/not valid JSON/);
    expect(JSON.stringify(answers)).not.toMatch(/at .*\.ts:\d+/);
    expect(await db.githubDelivery.count({ where: { deliveryId: id } })).toBe(0);
  });

  it("answers 404, storing nothing, when no GitHub App is configured", async () => {
    const configured = { GITHUB_APP_ID: process.env.GITHUB_APP_ID!, GITHUB_APP_PRIVATE_KEY_FILE: process.env.GITHUB_APP_PRIVATE_KEY_FILE!, GITHUB_WEBHOOK_SECRET: process.env.GITHUB_WEBHOOK_SECRET! };
    overrideEnv({ GITHUB_APP_ID: "", GITHUB_APP_PRIVATE_KEY_FILE: "", GITHUB_WEBHOOK_SECRET: "" });
    try {
      const id = crypto.randomUUID();
      const r = await w.post("pull_request", body, { deliveryId: id });
      expect(r).toMatchObject({ status: 404, body: { error: { code: "not_found", message: expect.stringMatching(/^no GitHub App is configured here/) } } });
      expect(await db.githubDelivery.count({ where: { deliveryId: id } })).toBe(0);
    } finally {
      overrideEnv(configured);
    }
  });

  it("stores a payload lacking what its event needs and marks it ignored with the reason, changing nothing", async () => {
    const pr = await w.agentPr();
    const before = await changeset(pr.changesetId);
    const id = crypto.randomUUID();
    const broken = { action: "closed", number: pr.number, installation: { id: w.f.installationId }, repository: { id: 1, name: "widgets", owner: { login: "acme" } }, sender: { login: "mallory" }, pull_request: { number: pr.number, state: "closed" } };
    expect((await w.post("pull_request", JSON.stringify(broken), { deliveryId: id })).status).toBe(202);
    await until(async () => (await rowOf(id)).processedAt);
    expect(await rowOf(id)).toMatchObject({ outcome: "ignored", reason: expect.stringMatching(/^the pull_request payload lacks what Fleetgate needs: pull_request\.html_url/) });
    expect(await changeset(pr.changesetId)).toEqual(before);
  });

  it("ignores an unknown installation or event with the reason, and counts it", async () => {
    const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await w.post("pull_request", JSON.stringify({ action: "opened", installation: { id: 987654321 } }), { deliveryId: ids[0] });
    await w.post("star", JSON.stringify({ action: "created", installation: { id: w.f.installationId } }), { deliveryId: ids[1] });
    await w.post("ping", JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 }), { deliveryId: ids[2] });
    // A redelivery of the unknown one is still one row.
    expect((await w.post("pull_request", JSON.stringify({ action: "opened", installation: { id: 987654321 } }), { deliveryId: ids[0] })).body).toMatchObject({ received: true, duplicate: true });
    for (const id of ids) await until(async () => (await rowOf(id)).processedAt);
    expect((await Promise.all(ids.map(rowOf))).map((r) => [r.outcome, r.reason])).toEqual([
      ["ignored", "installation 987654321 is not bound to a tenant"],
      ["ignored", "no handler for star events"],
      ["ignored", "no handler for ping events"],
    ]);
    const counted = await db.githubDelivery.groupBy({ by: ["outcome"], where: { deliveryId: { in: ids } }, _count: true });
    expect(counted).toEqual([{ outcome: "ignored", _count: 3 }]);
  });
});

async function until<T>(fn: () => Promise<T | null | undefined | false>): Promise<T> {
  const end = Date.now() + 30_000;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("a delivery whose job Redis lost", () => {
  it("is enqueued again from PostgreSQL and applied", async () => {
    const pr = await w.agentPr();
    const id = crypto.randomUUID();
    const payload = structuredClone(last("pull_request", "opened").payload);
    Object.assign(payload, { action: "closed" });
    Object.assign(payload.pull_request as object, { state: "closed", closed_at: "2026-12-01T10:00:00Z", updated_at: "2026-12-01T10:00:00Z" });
    await db.githubDelivery.create({ data: { deliveryId: id, event: "pull_request", action: "closed", githubInstallationId: BigInt(w.f.installationId), payload: payload as object, receivedAt: new Date(Date.now() - 60_000) } });
    expect((await requeueDeliveries()).requeued).toBeGreaterThanOrEqual(1);
    await until(async () => (await rowOf(id)).processedAt);
    expect(await changeset(pr.changesetId)).toMatchObject({ state: "closed", closedAt: new Date("2026-12-01T10:00:00Z") });
  });
});

describe("reviews", () => {
  it("by the task's requester never count towards approval", async () => {
    const pr = await w.agentPr();
    await w.human({ action: "approve", user: "rita", number: pr.number });
    await w.settle();
    expect(await changeset(pr.changesetId)).toMatchObject({ reviewState: "none", firstReviewAt: null });
    const [review] = await events(pr.changesetId, "review");
    expect(review).toMatchObject({ message: "rita approved (does not count: a review by the task's requester never counts towards approval)", data: { by: "rita", verdict: "approved", counts: false } });
    expect((await rowOf(last("pull_request_review").guid)).reason).toMatch(/not counted/);

    await w.human({ action: "request_changes", user: "bob", number: pr.number, body: "Please rename the export in src/index.js" });
    await w.settle();
    expect(await changeset(pr.changesetId)).toMatchObject({ reviewState: "changes_requested", state: "draft" });
    await w.human({ action: "approve", user: "bob", number: pr.number });
    await w.settle();
    const cs = await changeset(pr.changesetId);
    expect(cs.reviewState).toBe("approved");
    expect(cs.firstReviewAt).toEqual(new Date(w.f.twin.ctx.store.data.reviews.find((r) => r.pullNumber === pr.number && r.userLogin === "bob")!.submittedAt));
  });
});

describe("people on the pull request", () => {
  it("a push by a person freezes the changeset as edited, with the reason", async () => {
    const pr = await w.agentPr();
    const pushed = await w.human({ action: "push", user: "bob", number: pr.number, files: { "src/index.js": "module.exports = 42;\n" }, message: "My fix" });
    await w.settle();
    const cs = await changeset(pr.changesetId);
    expect(cs).toMatchObject({ state: "edited", headSha: pr.headSha, flagReason: `bob pushed ${pushed.body.sha.slice(0, 7)} to ${pr.branch}; Fleetgate will not push over it` });
    expect((await events(pr.changesetId)).map((e) => [e.kind, e.toState]).sort()).toEqual([["push", null], ["transition", "edited"]]);
    // GitHub sends a push and a pull_request.synchronize for the one act, processed concurrently in
    // either order: the first freezes the changeset, the second finds it frozen (never "stays draft").
    const reasons = [(await rowOf(last("push").guid)).reason, (await rowOf(last("pull_request", "synchronize").guid)).reason];
    expect(reasons.filter((r) => r?.startsWith("edited: bob pushed"))).toHaveLength(1);
    expect(reasons.filter((r) => r?.match(/already edited/))).toHaveLength(1);
  });

  it("a merge on GitHub makes the changeset merged at GitHub's time; checks are followed", async () => {
    const pr = await w.agentPr();
    await w.human({ action: "set_check", user: "ci", number: pr.number, name: "build", conclusion: "failure" });
    await w.settle();
    expect((await changeset(pr.changesetId)).checksState).toBe("failing");
    await w.human({ action: "set_check", user: "ci", number: pr.number, name: "build", conclusion: "success" });
    await w.human({ action: "ready_for_review", user: "alice", number: pr.number });
    await w.settle();
    expect(await changeset(pr.changesetId)).toMatchObject({ checksState: "passing", state: "open" });
    await w.human({ action: "merge", user: "alice", number: pr.number });
    await w.settle();
    const pull = twinPull(pr.number);
    expect(await changeset(pr.changesetId)).toMatchObject({ state: "merged", mergedAt: new Date(pull.mergedAt!), closedAt: new Date(pull.closedAt!) });
    const merged = (await events(pr.changesetId, "transition")).at(-1)!;
    expect(merged).toMatchObject({ fromState: "open", toState: "merged", message: `pull request #${pr.number} merged by alice`, at: new Date(pull.mergedAt!) });
    // The merge's push to main is no agent branch.
    expect((await rowOf(last("push").guid))).toMatchObject({ outcome: "ignored", reason: "no agent changeset in acme/widgets for branch main" });
  });

  it("a state older than one already applied (delivered out of order) does not move the changeset back", async () => {
    const pr = await w.agentPr();
    const opened = w.deliveries().find((d) => d.event === "pull_request" && d.action === "opened" && d.payload.number === pr.number)!;
    await w.human({ action: "close", user: "alice", number: pr.number });
    await w.settle();
    expect((await changeset(pr.changesetId)).state).toBe("closed");
    const late = { ...opened.payload, action: "reopened" };
    const id = crypto.randomUUID();
    expect((await w.post("pull_request", JSON.stringify(late), { deliveryId: id })).status).toBe(202);
    await until(async () => (await rowOf(id)).processedAt);
    expect(await rowOf(id)).toMatchObject({ outcome: "ignored", reason: `pull_request.reopened on #${pr.number} is older than a state already applied (delivered out of order)` });
    expect((await changeset(pr.changesetId)).state).toBe("closed");
  });

  it("a comment within the task is recorded; one asking for more is escalated to the requester, never executed", async () => {
    const pr = await w.agentPr();
    await w.human({ action: "comment", user: "alice", number: pr.number, body: "Looks right for src/index.js." });
    await w.settle();
    expect((await changeset(pr.changesetId)).state).toBe("draft");
    await w.human({ action: "comment", user: "alice", number: pr.number, body: "Please also update src/billing/invoice.ts to match." });
    await w.settle();
    const cs = await changeset(pr.changesetId);
    expect(cs.state).toBe("needs_human");
    expect(cs.flagReason).toMatch(/^alice asked for a change outside the task's scope \(the comment names a path outside the files the run changed: src\/billing\/invoice\.ts\)/);
    expect((await events(pr.changesetId)).map((e) => e.kind)).toEqual(["comment", "comment", "transition"]);
    const notes = await db.notification.findMany({ where: { userId: w.requester.id, kind: "changeset.needs_human" } });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ tenantId: w.tenant.id, link: `/${w.tenant.slug}/runs/${pr.runId}`, body: cs.flagReason });
    // Fleetgate's own comments are not recorded again.
    await w.f.call("POST", `/repos/acme/widgets/issues/${pr.number}/comments`, { auth: `token ${await w.f.token()}`, body: { body: "Noted." } });
    await w.settle();
    expect(await rowOf(last("issue_comment").guid)).toMatchObject({ outcome: "ignored", reason: "Fleetgate's own comment" });
  });
});
