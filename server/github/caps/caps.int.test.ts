// PR-storm caps against the twin: exact under concurrency (parallel allocations in their own
// transactions, and publications through two sets of workers, checked from the twin's PR timestamps),
// each held reason and its sentence, release on merge, close, approval and a budget's next token,
// a security fix past the budget but not a team cap, and a schedule window that is closed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { enqueuePublish } from "../publish/publish-job";
import { publishRun } from "../publish/publish-run";
import { allocateSlots } from "./allocate-slots";
import { REPOS, startCapsFixture, type CapsFixture } from "../../test/caps-fixture";

let x: CapsFixture;

beforeAll(async () => {
  x = await startCapsFixture("caps");
}, 120_000);

afterEach(async () => {
  expect(x.w.f.takeProblems()).toEqual([]);
  await x.reset();
});

afterAll(async () => {
  await x?.close();
});

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const changesets = (taskIds: string[]) => db.changeset.findMany({ where: { taskId: { in: taskIds } }, orderBy: { createdAt: "asc" } });
const settled = (taskIds: string[]) => until("publications to settle", async () => {
  const cs = await changesets(taskIds);
  return cs.length === taskIds.length && cs.every((c) => c.state !== "publishing") && cs;
});

/** The most live PRs any group had at once on the twin, from its creation, merge and close timestamps. */
function mostLive(group: (repoName: string) => string | null): Map<string, number> {
  const names = new Map(x.w.f.twin.ctx.store.data.repositories.map((r) => [r.id, r.name]));
  const events: { at: number; key: string; d: number }[] = [];
  for (const p of x.w.f.twin.ctx.store.data.pulls) {
    const key = group(names.get(p.repositoryId) ?? "");
    if (!key || !p.head.ref.startsWith("fleetgate/")) continue;
    events.push({ at: Date.parse(p.createdAt), key, d: 1 });
    const end = p.mergedAt ?? p.closedAt;
    if (end) events.push({ at: Date.parse(end), key, d: -1 });
  }
  // At one instant a close counts before an open (a freed slot taken in the same millisecond).
  events.sort((a, b) => a.at - b.at || a.d - b.d);
  const live = new Map<string, number>();
  const most = new Map<string, number>();
  for (const e of events) {
    live.set(e.key, (live.get(e.key) ?? 0) + e.d);
    most.set(e.key, Math.max(most.get(e.key) ?? 0, live.get(e.key)!));
  }
  return most;
}

describe("PR-storm caps", () => {
  it("parallel allocations, each in its own transaction, never give more slots than a cap allows", async () => {
    const campaignId = await x.campaign({ caps: { openPerTeam: 5 } });
    const ids: string[] = [];
    for (let i = 0; i < 18; i++) {
      const { runId, taskId } = await x.ready(`pay-${(i % 3) + 1}`, { campaignId });
      const cs = await db.changeset.create({
        data: { tenantId: x.tenantId, taskId, runId, repositoryId: x.repo[`pay-${(i % 3) + 1}`]!, campaignId, taskClass: "docs_update", mode: "draft_pr", state: "publishing", branch: `fleetgate/caps/${taskId}`, baseBranch: "main", riskScore: 1, riskParts: {} },
      });
      ids.push(cs.id);
    }
    const results = await Promise.all(ids.map((id) => db.$transaction((tx) => allocateSlots(tx, x.tenantId, { changesetId: id, cause: "test" }), { timeout: 60_000, maxWait: 60_000 })));
    const admitted = results.filter((r) => r.own && "admitted" in r.own).length;
    expect(admitted).toBe(5);
    expect(await db.publishReservation.count({ where: { changesetId: { in: ids }, outcome: "reserved" } })).toBe(5);
    const rows = await db.changeset.findMany({ where: { id: { in: ids } } });
    const perRepo = new Map<string, number>();
    for (const r of rows.filter((c) => c.state === "publishing")) perRepo.set(r.repositoryId, (perRepo.get(r.repositoryId) ?? 0) + 1);
    expect(Math.max(...perRepo.values())).toBeLessThanOrEqual(3);
    const held = rows.filter((c) => c.state === "held");
    expect(held).toHaveLength(13);
    expect(held.every((c) => c.heldAt !== null && ["team_open", "repository"].includes(c.holdKind!))).toBe(true);
    expect(held.map((c) => c.flagReason)).toContain("held: team payments has 5 agent PRs open (cap 5)");
  });

  it("publications through two sets of workers keep every cap on the twin; a merge and a close release the oldest held work", async () => {
    const campaignId = await x.campaign({ caps: { openPerTeam: 3 } });
    const tasks: { runId: string; taskId: string }[] = [];
    for (let i = 0; i < 12; i++) tasks.push(await x.ready(i % 2 ? `pay-${(i % 3) + 1}` : `web-${(i % 3) + 1}`, { campaignId, autonomy: "autonomous_pr" }));
    const ids = tasks.map((t) => t.taskId);
    await Promise.all(tasks.map((t) => enqueuePublish(t.runId)));
    let cs = await settled(ids);
    expect(cs.filter((c) => c.state === "open")).toHaveLength(6);
    const held = cs.filter((c) => c.state === "held");
    expect(held).toHaveLength(6);
    expect(new Set(held.map((c) => c.flagReason))).toEqual(new Set(["held: team payments has 3 agent PRs open (cap 3)", "held: team web has 3 agent PRs open (cap 3)"]));
    const oldestPayments = held.filter((c) => REPOS[Object.keys(x.repo).find((k) => x.repo[k] === c.repositoryId)!] === "payments").sort((a, b) => a.heldAt!.getTime() - b.heldAt!.getTime())[0]!;

    // A person merges one payments PR and closes another: two slots, to the oldest held payments work first.
    const open = cs.filter((c) => c.state === "open" && REPOS[Object.keys(x.repo).find((k) => x.repo[k] === c.repositoryId)!] === "payments");
    const name = (c: { repositoryId: string }) => Object.keys(x.repo).find((k) => x.repo[k] === c.repositoryId)!;
    expect((await x.w.human({ repo: `acme/${name(open[0]!)}`, action: "merge", number: open[0]!.prNumber, user: "octocat" })).status).toBe(200);
    await until("the oldest held payments work to open its PR", async () => (await db.changeset.findUnique({ where: { id: oldestPayments.id } }))?.state === "open");
    expect((await x.w.human({ repo: `acme/${name(open[1]!)}`, action: "close", number: open[1]!.prNumber, user: "octocat" })).status).toBe(200);
    await until("a second payments PR to open", async () => (await changesets(ids)).filter((c) => c.state === "open" && REPOS[name(c)] === "payments").length === 3 && (await changesets(ids)).filter((c) => c.state === "held").length === 4);
    const released = await db.changesetEvent.findFirst({ where: { changesetId: oldestPayments.id, toState: "publishing", fromState: "held" } });
    expect(released?.message).toMatch(/^released after \d+ s held: room under the PR-storm caps$/);
    cs = await changesets(ids);
    expect(cs.filter((c) => c.state === "held").every((c) => c.heldAt !== null && c.holdKind === "team_open")).toBe(true);
    // From the twin's own timestamps: never more than 3 live agent PRs per team, nor 3 per repository.
    const perTeam = mostLive((r) => REPOS[r] ?? null);
    expect(Math.max(...perTeam.values())).toBeLessThanOrEqual(3);
    expect(Math.max(...mostLive((r) => (REPOS[r] ? r : null)).values())).toBeLessThanOrEqual(3);
  });

  it("holds the review queue (open, not draft, not approved) and releases when a reviewer approves", async () => {
    const campaignId = await x.campaign({ caps: { awaitingReviewPerTeam: 2 } });
    const a = await x.ready("web-1", { campaignId, autonomy: "autonomous_pr" });
    const b = await x.ready("web-2", { campaignId, autonomy: "autonomous_pr" });
    const draft = await x.ready("web-3", { campaignId });
    const c = await x.ready("web-3", { campaignId, autonomy: "autonomous_pr" });
    expect(await publishRun(a.runId)).toMatch(/^open PR #\d+$/);
    expect(await publishRun(b.runId)).toMatch(/^open PR #\d+$/);
    // A draft is not in the review queue: it still fits.
    expect(await publishRun(draft.runId)).toMatch(/^draft PR #\d+$/);
    expect(await publishRun(c.runId)).toBe("held: team web has 2 agent PRs awaiting review (cap 2)");
    expect(await db.changeset.findUniqueOrThrow({ where: { taskId: c.taskId } })).toMatchObject({ state: "held", holdKind: "team_review", flagReason: "held: team web has 2 agent PRs awaiting review (cap 2)" });
    const first = await db.changeset.findUniqueOrThrow({ where: { taskId: a.taskId } });
    await x.w.human({ repo: "acme/web-1", action: "approve", number: first.prNumber, user: "octocat" });
    await until("the held PR to open after the approval", async () => (await db.changeset.findUnique({ where: { taskId: c.taskId } }))?.state === "open");
    expect(await db.changeset.findUniqueOrThrow({ where: { taskId: c.taskId } })).toMatchObject({ holdKind: null, flagReason: null, heldAt: null });
  });

  it("holds a repository over its policy cap (3 by default) and a wave over its spec's cap, saying so", async () => {
    const tasks = [];
    for (let i = 0; i < 4; i++) tasks.push(await x.ready("pay-1"));
    for (const t of tasks.slice(0, 3)) expect(await publishRun(t.runId)).toMatch(/^draft PR #\d+$/);
    expect(await publishRun(tasks[3]!.runId)).toBe("held: acme/pay-1 has 3 agent PRs open (cap 3)");
    const campaignId = await x.campaign({ caps: { perWave: 1 } }, { "web-1": 0, "web-2": 0, "web-3": 1 });
    const w0 = await x.ready("web-1", { campaignId });
    const w0b = await x.ready("web-2", { campaignId });
    const w1 = await x.ready("web-3", { campaignId });
    expect(await publishRun(w0.runId)).toMatch(/^draft PR/);
    const name = (await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).name;
    expect(await publishRun(w0b.runId)).toBe(`held: the canary wave of campaign ${name} has 1 agent PR open (cap 1)`);
    expect(await publishRun(w1.runId)).toMatch(/^draft PR/);
    expect((await db.changeset.findUniqueOrThrow({ where: { taskId: w0b.taskId } })).holdKind).toBe("wave");
  });

  it("spends a campaign's hourly budget and releases the held work at its next token, without any event", async () => {
    // One token every 6 s, one at once: of two publications at the same moment one opens its PR.
    const campaignId = await x.campaign({ caps: { prsPerHour: { rate: 600, burst: 1 } } });
    const a = await x.ready("pay-2", { campaignId });
    const b = await x.ready("pay-3", { campaignId });
    const outcomes = await Promise.all([publishRun(a.runId), publishRun(b.runId)]);
    const name = (await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).name;
    expect(outcomes.filter((o) => /^draft PR/.test(o))).toHaveLength(1);
    const held = outcomes.find((o) => o.startsWith("held"));
    expect(held).toMatch(new RegExp(`^held: campaign ${name}'s budget of 600 agent PRs per hour \\(burst 1\\) is spent; the next may open at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC$`));
    const waiting = (await changesets([a.taskId, b.taskId])).find((c) => c.state === "held")!;
    expect(waiting.holdKind).toBe("tenant_budget");
    await until("the next token to publish the held work", async () => (await db.changeset.findUnique({ where: { id: waiting.id } }))?.state === "draft");
    const events = await db.changesetEvent.findMany({ where: { changesetId: waiting.id, kind: "transition" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.toState)).toEqual(expect.arrayContaining(["held", "publishing", "draft"]));
  });

  it("a security fix skips the tenant's spent budget but never a team cap", async () => {
    const normal = await x.campaign({});
    const fix = await x.campaign({ caps: { securityFix: true, openPerTeam: 2 } });
    const first = await x.ready("web-1", { campaignId: normal });
    expect(await publishRun(first.runId)).toMatch(/^draft PR/);
    await db.publishBucket.update({ where: { tenantId_scope: { tenantId: x.tenantId, scope: "tenant" } }, data: { tokens: 0, refilledAt: new Date() } });
    const held = await x.ready("web-2", { campaignId: normal });
    expect(await publishRun(held.runId)).toMatch(/^held: the tenant's budget of 60 agent PRs per hour \(burst 20\) is spent; the next may open at /);
    const s1 = await x.ready("web-2", { campaignId: fix });
    expect(await publishRun(s1.runId)).toMatch(/^draft PR/);
    const s2 = await x.ready("web-3", { campaignId: fix });
    expect(await publishRun(s2.runId)).toBe("held: team web has 2 agent PRs open (cap 2)");
    expect((await db.publishBucket.findUniqueOrThrow({ where: { tenantId_scope: { tenantId: x.tenantId, scope: "tenant" } } })).tokens).toBeLessThan(1);
  });

  it("holds work outside the campaign's schedule windows until the next opens", async () => {
    // A window on the day after tomorrow only: closed now, whenever this runs.
    const day = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"][(new Date().getUTCDay() + 2) % 7];
    const campaignId = await x.campaign({ schedule: { timezone: "UTC", windows: [{ days: [day], start: "00:00", end: "01:00" }] } });
    const t = await x.ready("pay-1", { campaignId });
    const name = (await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).name;
    const next = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 2)).toISOString().slice(0, 10);
    expect(await publishRun(t.runId)).toBe(`held: campaign ${name} publishes only inside its schedule windows (UTC); the next opens at ${next} 00:00 UTC`);
    expect(await db.changeset.findUniqueOrThrow({ where: { taskId: t.taskId } })).toMatchObject({ state: "held", holdKind: "schedule" });
    // Nothing reached GitHub: the branch is pushed only once a slot is reserved.
    const cs = await db.changeset.findUniqueOrThrow({ where: { taskId: t.taskId } });
    expect(x.w.f.twin.ctx.store.data.pulls.some((p) => p.head.ref === cs.branch)).toBe(false);
    expect(cs.headSha).toBeNull();
  });
});
