// The changeset reconciler against the twin, with webhooks dropped by the twin's fault injection:
// what GitHub says now is found and applied (a merge at GitHub's time, an approval and a check, a
// person's push, a stuck publication's PR), labels Fleetgate set that went missing are noted once, and
// a second run changes nothing. Reads use a read_state token, revoked afterwards.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { startWebhookFixture, type WebhookFixture } from "../../test/github-webhook-fixture";
import { reconcileChangesets } from "./reconcile-changesets";

let w: WebhookFixture;
beforeAll(async () => {
  w = await startWebhookFixture("ghrecon");
});
afterEach(() => {
  expect(w.f.takeProblems()).toEqual([]);
});
afterAll(async () => {
  await w?.close();
});

const changeset = (id: string) => db.changesetEvent.findMany({ where: { changesetId: id }, orderBy: { seq: "asc" } }).then(async (events) => ({ ...(await db.changeset.findUniqueOrThrow({ where: { id } })), events }));
const drop = (count: number) => w.f.call("POST", "/_twin/faults", { body: { kind: "drop-webhooks", count } });
const reconcile = () => reconcileChangesets({ intervalMs: 0, where: { tenantId: w.tenant.id } });
const twinPull = (number: number) => w.f.twin.ctx.store.data.pulls.find((p) => p.number === number && w.f.twin.ctx.store.data.repositories.find((r) => r.id === p.repositoryId)?.name === "widgets")!;

describe("reconciliation", () => {
  it("finds a merge whose webhooks were dropped, at GitHub's time, and changes nothing when run again", async () => {
    const pr = await w.agentPr();
    await w.human({ action: "ready_for_review", user: "alice", number: pr.number });
    await w.settle();
    await drop(2); // the merge's push to main, and the pull request's closed
    await w.human({ action: "merge", user: "alice", number: pr.number });
    await w.settle();
    expect((await changeset(pr.changesetId)).state).toBe("open");

    expect(await reconcile()).toMatchObject({ failed: 0 });
    const pull = twinPull(pr.number);
    const cs = await changeset(pr.changesetId);
    expect(cs).toMatchObject({ state: "merged", mergedAt: new Date(pull.mergedAt!), closedAt: new Date(pull.closedAt!) });
    expect(cs.reconciledAt).not.toBeNull();
    expect(cs.events.slice(-2).map((e) => [e.kind, e.toState, e.message])).toEqual([
      ["transition", "merged", `pull request #${pr.number} merged by alice (found by reconciliation: its webhook was missed)`],
      ["reconcile", null, `pull request #${pr.number} merged by alice (found by reconciliation: its webhook was missed)`],
    ]);
    // Merged is final: not looked at again, and nothing more recorded.
    await reconcile();
    expect((await changeset(pr.changesetId)).events).toHaveLength(cs.events.length);
    expect(await db.tokenLease.count({ where: { repositoryId: w.repositoryId, revokedAt: null } })).toBe(0);
  });

  it("applies a dropped approval and check, and a person's push, once", async () => {
    const pr = await w.agentPr();
    await drop(5); // the review, the check (created, completed, and its suite completed), and bob's push
    await w.human({ action: "approve", user: "alice", number: pr.number });
    await w.human({ action: "set_check", user: "ci", number: pr.number, name: "build", conclusion: "success" });
    await w.settle();
    expect(await changeset(pr.changesetId)).toMatchObject({ reviewState: "none", checksState: "none" });
    await reconcile();
    const review = w.f.twin.ctx.store.data.reviews.find((r) => r.pullNumber === pr.number && r.userLogin === "alice")!;
    const cs = await changeset(pr.changesetId);
    expect(cs).toMatchObject({ state: "draft", reviewState: "approved", firstReviewAt: new Date(review.submittedAt), checksState: "passing" });
    expect(cs.events.filter((e) => e.kind === "reconcile").map((e) => (e.data as { repair: string }).repair)).toEqual(["checks", "reviews"]);

    await w.human({ action: "push", user: "bob", number: pr.number, files: { "src/index.js": "module.exports = 'bob';\n" }, message: "Bob's take" });
    await w.settle();
    // The push's own webhook was the third dropped; the synchronize after it arrived, froze the changeset
    // and restarted its checks for the new head: nothing is left to repair.
    const afterPush = await changeset(pr.changesetId);
    expect(afterPush).toMatchObject({ state: "edited", checksState: "none" });
    await reconcile();
    await reconcile();
    expect((await changeset(pr.changesetId)).events).toHaveLength(afterPush.events.length);
  });

  it("freezes a changeset whose branch moved while every webhook was dropped", async () => {
    const pr = await w.agentPr({ draft: false, state: "open" });
    await drop(2); // push and synchronize
    const pushed = await w.human({ action: "push", user: "carol", number: pr.number, files: { "src/index.js": "module.exports = 'carol';\n" }, message: "Carol's fix" });
    await w.settle();
    expect((await changeset(pr.changesetId)).state).toBe("open");
    await reconcile();
    const cs = await changeset(pr.changesetId);
    expect(cs.state).toBe("edited");
    expect(cs.flagReason).toMatch(new RegExp(`pushed ${pushed.body.sha.slice(0, 7)} to ${pr.branch.replaceAll("/", "\\/")}; Fleetgate will not push over it \\(found by reconciliation`));
    expect(cs.events.filter((e) => e.kind === "reconcile").map((e) => (e.data as { repair: string }).repair)).toContain("head_moved");
  });

  it("leaves a publication under way to the publisher, and notes labels Fleetgate set that are missing once", async () => {
    const publishing = await w.agentPr({ state: "publishing", labels: ["agent-generated"] });
    await reconcile();
    expect((await changeset(publishing.changesetId)).state).toBe("publishing");
    await drop(1); // the opened webhook
    const pr = await w.agentPr({ state: "draft", labels: ["agent-generated"] });
    await db.changeset.update({ where: { id: pr.changesetId }, data: { labels: ["agent-generated", "agent:verified"] } });
    await reconcile();
    const cs = await changeset(pr.changesetId);
    expect(cs).toMatchObject({ state: "draft", prNumber: pr.number });
    const notes = cs.events.filter((e) => e.kind === "reconcile").map((e) => e.message);
    expect(notes).toContain("labels Fleetgate set are missing from the pull request: agent:verified (putting them back is a write, left to the publisher)");
    await reconcile();
    expect((await changeset(pr.changesetId)).events).toHaveLength(cs.events.length);
  });
});
