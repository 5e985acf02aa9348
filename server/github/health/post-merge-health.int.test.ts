// Post-merge health end to end against the GitHub twin: an agent PR merged by a person, CI reporting on
// the default branch's commits (check runs and statuses, with the webhooks GitHub sends), Fleetgate's
// webhook route and delivery worker, and the health pass (watchMerge, what the github.post-merge-health
// job runs) called directly so each step is decided when the test says. Every exchange and webhook
// matches GitHub's published schemas.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { voteOnApproval } from "../../approvals/vote-on-approval";
import { readContext } from "../../core/read-context";
import { db } from "../../db/client";
import { createPolicyDocument } from "../../policy/save-policy-version";
import { startWebhookFixture, type WebhookFixture } from "../../test/github-webhook-fixture";
import { addPerson, runAs, scopeAs, type TestPerson } from "../../test/run-as";
import { applyOutcome } from "../../wiring/approval-consumers";
import { getChangeset } from "../changesets/get-changeset";
import { git } from "../twin/run-git";
import { branchSha, commitFiles, repositoryDir } from "../twin/bare-repository";
import { processDelivery } from "../webhooks/process-delivery";
import { reconcileHealth } from "./reconcile-health";
import { watchMerge } from "./watch-merge";

let w: WebhookFixture;
let approver: TestPerson;
let policyAdmin: TestPerson;
let dir: string;
beforeAll(async () => {
  w = await startWebhookFixture("health");
  await db.repository.update({ where: { id: w.repositoryId }, data: { remoteUrl: `${w.f.twin.url}/acme/widgets.git` } });
  approver = await addPerson(w.tenant, ["approver"], "approver");
  policyAdmin = await addPerson(w.tenant, ["policy_admin"], "policy-admin");
  dir = repositoryDir(w.f.dataDir, "acme", "widgets");
});
afterEach(() => {
  expect(w.f.takeProblems()).toEqual([]);
});
afterAll(async () => {
  await w?.close();
});

const changeset = (id: string) => db.changeset.findUniqueOrThrow({ where: { id } });
const healthEvents = (changesetId: string) => db.changesetEvent.findMany({ where: { changesetId, kind: "health" }, orderBy: { seq: "asc" } });
const pulls = () => w.f.twin.ctx.store.data.pulls.filter((p) => w.f.twin.ctx.store.data.repositories.find((r) => r.id === p.repositoryId)?.name === "widgets");
const ci = async (body: Record<string, unknown>) => {
  const r = await w.human({ user: "ci", ...body });
  expect(r.status).toBe(200);
  await w.settle();
  return r.body;
};

/** A person's fresh commit on main whose checks pass (what earlier tests left failing is behind it). */
async function greenMain(): Promise<string> {
  const n = Math.random().toString(36).slice(2, 8);
  expect((await w.human({ action: "move_base", user: "dana", files: { [`notes/${n}.md`]: `${n}\n` }, message: `Notes ${n}` })).status).toBe(200);
  return (await ci({ action: "set_commit_check", ref: "main", name: "build", conclusion: "success" })).sha as string;
}

/** The default branch's head passes, then an agent PR merges on top of it. */
async function mergedAgentPr() {
  const parent = await greenMain();
  const pr = await w.agentPr({ draft: false, state: "open" });
  const merged = await w.human({ action: "merge", user: "alice", number: pr.number });
  expect(merged.status).toBe(200);
  await w.settle();
  return { ...pr, parent, merge: merged.body.sha as string };
}

/** A person's PR (not an agent's) merged into main. */
async function humanMerge(label: string) {
  const branch = `feature/${label}-${Date.now()}`;
  await commitFiles(dir, { branch, files: { [`docs/${label}.md`]: `${label}\n` }, message: label, author: { name: "Dana", email: "dana@test" }, parent: await branchSha(dir, "main") });
  const pr = await w.f.call("POST", "/repos/acme/widgets/pulls", { auth: `token ${await w.f.token()}`, body: { title: `Docs ${label}`, head: branch, base: "main" } });
  const merged = await w.human({ action: "merge", user: "dana", number: pr.body.number });
  await w.settle();
  return merged.body.sha as string;
}

describe("post-merge health", () => {
  it("records the merge commit, and reverts a merge whose checks fail when it is the first failing commit", async () => {
    const m = await mergedAgentPr();
    const cs0 = await changeset(m.changesetId);
    expect(cs0).toMatchObject({ state: "merged", mergeCommitSha: m.merge, healthState: "watching", healthUntil: null });
    expect(await watchMerge(m.changesetId)).toMatch(/^watching: checks not reported yet/);
    const watched = await changeset(m.changesetId);
    // The platform policy's soak: an hour from GitHub's merge time.
    expect(watched.healthUntil!.getTime() - watched.mergedAt!.getTime()).toBe(60 * 60_000);

    await ci({ action: "set_commit_check", ref: m.merge, name: "build", conclusion: "failure" });
    const delivery = w.deliveries().filter((d) => d.event === "check_run" && d.action === "completed").at(-1)!;
    expect(await db.githubDelivery.findUniqueOrThrow({ where: { deliveryId: delivery.guid } })).toMatchObject({ outcome: "applied", reason: expect.stringMatching(/post-merge health looks again at \d+ merges? watched in acme\/widgets/) });
    expect((await healthEvents(m.changesetId)).map((e) => e.message)).toContain(`check build failure on merge commit ${m.merge.slice(0, 7)}`);

    expect(await watchMerge(m.changesetId)).toMatch(/^reverted: PR #\d+$/);
    const cs = await changeset(m.changesetId);
    const branch = `fleetgate/revert-${m.merge.slice(0, 12)}`;
    const revert = pulls().find((p) => p.head.ref === branch)!;
    expect(revert).toMatchObject({ state: "open", base: { ref: "main" }, title: expect.stringMatching(/^Revert "/) });
    expect(revert.body).toContain("`build`");
    expect(revert.body).toContain(m.merge);
    expect(revert.body).toContain(`Its first parent ${m.parent} passed`);
    expect(cs).toMatchObject({ healthState: "reverted", revertPrNumber: revert.number, revertPrUrl: expect.stringContaining(`/pull/${revert.number}`) });
    expect(cs.revertedAt).toBeInstanceOf(Date);
    // The revert commit undoes the merge: the file is as it was on the last passing commit.
    expect(await git(["show", `${branch}:src/index.js`], { cwd: dir })).toBe((await git(["show", `${m.parent}:src/index.js`], { cwd: dir })));
    expect(await db.auditEvent.count({ where: { tenantId: w.tenant.id, action: "changeset.revert", resourceId: m.changesetId } })).toBe(1);
    expect(await db.notification.count({ where: { tenantId: w.tenant.id, userId: w.requester.id, kind: "changeset.health_reverted" } })).toBe(1);
    // What the changeset's page shows: the merge commit, the watch's state and the revert PR.
    const shown = await getChangeset(readContext(await scopeAs(w.requester.id, w.tenant)), m.changesetId);
    expect(shown.changeset.health).toMatchObject({
      state: "reverted", mergeCommitSha: m.merge, mergeCommitUrl: expect.stringMatching(new RegExp(`/acme/widgets/commit/${m.merge}$`)), revertPrNumber: revert.number, revertPrUrl: cs.revertPrUrl,
    });

    // GitHub redelivers the failing check: stored and applied once, and no second revert either way.
    await w.f.call("POST", `/_twin/deliveries/${delivery.id}/redeliver`);
    await w.settle();
    expect(await processDelivery(delivery.guid)).toMatchObject({ duplicate: true });
    expect(await watchMerge(m.changesetId)).toBe("nothing to do: its health is reverted");
    // A worker that stopped after opening the PR but before recording it: the next pass adopts the branch and the PR.
    await db.changeset.update({ where: { id: m.changesetId }, data: { healthState: "reverting", revertPrNumber: null } });
    expect(await watchMerge(m.changesetId)).toBe(`reverted: PR #${revert.number}`);
    expect(pulls().filter((p) => p.head.ref === branch)).toHaveLength(1);
    expect(await changeset(m.changesetId)).toMatchObject({ healthState: "reverted", revertPrNumber: revert.number });
  });

  it("does not revert when another merge landed between the last passing commit and this one, and says why", async () => {
    const parent = await greenMain();
    const pr = await w.agentPr({ draft: false, state: "open" });
    const other = await humanMerge("between");
    const merge = (await w.human({ action: "merge", user: "alice", number: pr.number })).body.sha as string;
    await w.settle();
    expect((await w.f.call("GET", `/repos/acme/widgets/commits/${merge}`, { auth: `token ${await w.f.token()}` })).body.parents[0].sha).toBe(other);
    await watchMerge(pr.changesetId);
    // CI reports through a commit status this time.
    await ci({ action: "set_status", ref: merge, state: "failure", context: "ci/test" });
    const said = await watchMerge(pr.changesetId);
    expect(said).toMatch(new RegExp(`^not reverted: checks failing on merge commit ${merge.slice(0, 12)}: status:ci/test; but another change landed between the last passing commit ${parent.slice(0, 12)} \\("[^"]+"\\) and this merge: ${other.slice(0, 12)} \\("Merge pull request #\\d+ from acme/feature/between-\\d+"\\)`));
    expect(await changeset(pr.changesetId)).toMatchObject({ healthState: "not_reverted", healthReason: said.replace(/^not reverted: /, ""), revertedAt: null, revertPrNumber: null });
    expect(pulls().some((p) => p.head.ref === `fleetgate/revert-${merge.slice(0, 12)}`)).toBe(false);
    expect(await db.notification.count({ where: { tenantId: w.tenant.id, userId: w.requester.id, kind: "changeset.health_not_reverted" } })).toBe(1);
  });

  it("asks a person when policy does not allow automatic reverts, and opens the revert PR once approved", async () => {
    const parent = await greenMain();
    const pr = await w.agentPr({ draft: false, state: "open" });
    const { taskId } = await changeset(pr.changesetId);
    const content = `apiVersion: fleetgate/v1\nkind: Policy\nmetadata: { name: no-auto-revert, level: task, target: ${taskId} }\nrules: []\ngovernance:\n  publishing:\n    auto_revert: false\n`;
    const { documentId } = await runAs(policyAdmin.id, w.tenant, "health", (ctx) => createPolicyDocument(ctx, { content, tests: "", message: "a person approves reverts of this task" }));
    await db.policyVersion.updateMany({ where: { documentId, number: 1 }, data: { state: "active", stateAt: new Date() } });
    const merge = (await w.human({ action: "merge", user: "alice", number: pr.number })).body.sha as string;
    await w.settle();
    await watchMerge(pr.changesetId);
    await ci({ action: "set_commit_check", ref: merge, name: "build", conclusion: "failure" });

    expect(await watchMerge(pr.changesetId)).toMatch(/^awaiting approval: request /);
    const request = await db.approvalRequest.findFirstOrThrow({ where: { tenantId: w.tenant.id, subjectType: "changeset_revert", subjectId: pr.changesetId } });
    expect(request).toMatchObject({ kind: "changeset_revert", action: "revert", state: "pending", proposal: expect.objectContaining({ mergeCommitSha: merge, failingChecks: ["build"], lastGoodCommit: parent }) });
    expect(await changeset(pr.changesetId)).toMatchObject({ healthState: "awaiting_approval", revertPrNumber: null });
    expect(pulls().some((p) => p.head.ref === `fleetgate/revert-${merge.slice(0, 12)}`)).toBe(false);
    // Asked again (a redelivered check, the reconciler): the same request, nothing more.
    expect(await watchMerge(pr.changesetId)).toBe("nothing to do: its health is awaiting_approval");

    await runAs(approver.id, w.tenant, "health", (ctx) => voteOnApproval(ctx, request.id, { vote: "approve" }));
    expect(await applyOutcome(request.id)).toMatchObject({ applied: true, result: "revert approved: opening the revert PR" });
    expect(await changeset(pr.changesetId)).toMatchObject({ healthState: "reverting" });
    expect(await watchMerge(pr.changesetId)).toMatch(/^reverted: PR #\d+$/);
    const revert = pulls().find((p) => p.head.ref === `fleetgate/revert-${merge.slice(0, 12)}`)!;
    expect(await changeset(pr.changesetId)).toMatchObject({ healthState: "reverted", revertPrNumber: revert.number });
  });

  it("ends the watch when the soak ends with the merge commit's checks passing", async () => {
    const m = await mergedAgentPr();
    await watchMerge(m.changesetId);
    await ci({ action: "set_commit_check", ref: m.merge, name: "build", conclusion: "success" });
    expect(await watchMerge(m.changesetId)).toBe("watching: checks passing; the soak goes on");
    const { healthUntil } = await changeset(m.changesetId);
    // The reconciler gives a pass to a watch whose soak has ended.
    expect((await reconcileHealth(new Date(healthUntil!.getTime() + 1_000))).enqueued).toBeGreaterThanOrEqual(1);
    expect(await watchMerge(m.changesetId, () => new Date(healthUntil!.getTime() + 1_000))).toBe("passed: the soak ended with the merge commit's checks passing");
    expect(await changeset(m.changesetId)).toMatchObject({ healthState: "passed", revertedAt: null });
    expect((await healthEvents(m.changesetId)).at(-1)).toMatchObject({ message: "the soak ended with the merge commit's checks passing", data: expect.objectContaining({ health: "passed" }) });
    expect(await watchMerge(m.changesetId)).toBe("nothing to do: its health is passed");
  });
});
