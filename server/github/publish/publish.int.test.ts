// Publishing against the twin, end to end: a recipe run cloned from the twin with a read token,
// published as its policy allows, idempotent under duplicates and a 502 after the PR was made,
// never pushing over a person's commit, waiting for a supervised approval, held by the secret scan
// and the pr_creation kill switch, and starting a new attempt when the base moved under it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { voteOnApproval } from "../../approvals/vote-on-approval";
import { db } from "../../db/client";
import { overrideEnv } from "../../env";
import { executeRun } from "../../runs/execute-run";
import { createTask } from "../../runs/create-task";
import { retryRun } from "../../runs/retry-run";
import type { CreateTaskInput } from "../../runs/task-input";
import { createTestTenant } from "../../test/create-tenant";
import { addPerson, ownApprovalQueues, runAs, scopeAs, type TestPerson, type TestTenant } from "../../test/run-as";
import { readContext } from "../../core/read-context";
import { applyOutcome } from "../../wiring/approval-consumers";
import { ensureRepository } from "../twin/seed-twin";
import { APP_ID, SECRET, startTwinFixture, type TwinFixture } from "../twin/testing/twin-fixture";
import { setKillSwitch } from "../../kill-switches/set-kill-switch";
import { closeDrafts } from "../contain/close-drafts";
import { getInstallation } from "../installations/list-installations";
import { paceLimits } from "../pace";
import { CONTENT_REQUESTS_PER_PULL_REQUEST, pullRequestsPerHour } from "../publication-capacity";
import { leaseStepToken } from "../token-leases";
import { publishRun } from "./publish-run";
import { reconcilePublications } from "./reconcile-publications";

ownApprovalQueues("publish");

let f: TwinFixture;
let tenant: TestTenant;
let operator: TestPerson;
let approver: TestPerson;
let repositoryId: string;
const REPO = "acme/shipyard";

const recipe = (steps: string) => `apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: publish-test }\nsteps:\n${steps}`;
const write = (path: string, content: string) => `  - write: { path: ${path}, content: ${JSON.stringify(content)} }\n`;

async function succeeded(steps: string, extra: Partial<CreateTaskInput> = {}): Promise<{ runId: string; taskId: string }> {
  const { runId, taskId } = await runAs(operator.id, tenant, "publish", (ctx) => createTask(ctx, {
    repositoryId, taskClass: "docs_update", instruction: "Document the shipyard", autonomy: "draft_pr", agent: { kind: "recipe", recipe: recipe(steps) }, ...extra,
  }));
  expect(await executeRun(runId)).toBe("succeeded");
  return { runId, taskId };
}

const human = (body: Record<string, unknown>) => f.call("POST", "/_twin/human", { body: { repo: REPO, user: "octocat", ...body } });
const pulls = async () => (await f.call("GET", `/repos/${REPO}/pulls?state=all&per_page=100`, { auth: `token ${await f.token()}` })).body as { number: number; head: { ref: string; sha: string }; draft: boolean; labels: { name: string }[]; body: string; state: string }[];
const changesetOf = (taskId: string) => db.changeset.findUniqueOrThrow({ where: { taskId } });

beforeAll(async () => {
  f = await startTwinFixture();
  await ensureRepository(f.twin.ctx, {
    owner: "acme", name: "shipyard",
    files: { "package.json": '{ "name": "shipyard", "version": "1.0.0" }\n', "src/index.js": "module.exports = () => 1;\n", "test/index.test.js": "require('node:test')('one', () => {});\n", "README.md": "# shipyard\n" },
  });
  overrideEnv({ GITHUB_APP_ID: String(APP_ID), GITHUB_APP_PRIVATE_KEY_FILE: f.twin.privateKeyPath!, GITHUB_WEBHOOK_SECRET: SECRET, GITHUB_API_URL: f.twin.url, GITHUB_WRITE_SPACING_MS: "0" });
  tenant = await createTestTenant("publish");
  operator = await addPerson(tenant, ["operator"], "operator");
  approver = await addPerson(tenant, ["approver"], "approver");
  const installation = await db.githubInstallation.create({ data: { githubId: f.installationId, tenantId: tenant.id, accountLogin: "acme", accountType: "Organization", repositorySelection: "all" } });
  repositoryId = (await db.repository.create({
    data: { tenantId: tenant.id, owner: "acme", name: "shipyard", remoteUrl: `${f.twin.url}/${REPO}.git`, verifierProfile: "node-test", githubInstallationId: installation.id },
  })).id;
});

afterEach(async () => {
  expect(f.takeProblems()).toEqual([]);
  // Each test starts with no live agent PR in the tenant: the PR-storm caps (3 per repository by
  // default) are server/github/caps/'s subject, not this file's. As if a person had closed them.
  await db.changeset.updateMany({ where: { tenantId: tenant.id, prNumber: { not: null }, state: { notIn: ["merged", "closed"] } }, data: { state: "closed" } });
});

afterAll(async () => {
  await f.cleanup();
});

describe("publishing a run", () => {
  it("opens one draft PR on the task's branch, with its labels, body and the app's commit; a duplicate job and a retry change nothing", async () => {
    const { runId, taskId } = await succeeded(write("docs/guide.md", "# Guide\n"));
    const since = new Date();
    expect(await publishRun(runId)).toMatch(/^draft PR #\d+$/);
    // What a PR costs the pace, as the capacity the scheduler is told reckons it (no team to ask here).
    const writes = (await db.githubWrite.findMany({ where: { at: { gte: since }, installation: { tenantId: tenant.id } } })).map((w) => w.route);
    expect(writes.sort()).toEqual([expect.stringMatching(new RegExp(`^POST /repos/${REPO}/issues/\\d+/labels$`)), `POST /repos/${REPO}/pulls`]);
    expect(writes.length).toBeLessThanOrEqual(CONTENT_REQUESTS_PER_PULL_REQUEST);
    const cs = await changesetOf(taskId);
    expect(cs).toMatchObject({ state: "draft", runId, mode: "draft_pr", needsHumanReview: false, branch: expect.stringMatching(/^fleetgate\/docs-update\/[a-z0-9]{10}$/) });
    const [pr] = (await pulls()).filter((p) => p.head.ref === cs.branch);
    expect(pr).toMatchObject({ number: cs.prNumber, draft: true, state: "open" });
    expect(pr!.head.sha).toBe(cs.headSha);
    expect(pr!.labels.map((l) => l.name).sort()).toEqual(["agent-generated", "agent:docs-update", "agent:draft-pr", "agent:risk-low", "agent:verified"].sort());
    expect(pr!.body).toMatch(/^> \[!NOTE\]\n> This pull request was generated by an agent run in Fleetgate/);
    expect(pr!.body).toContain(`head: ${cs.headSha}`);
    const commit = (await f.call("GET", `/repos/${REPO}/commits/${cs.headSha}`, { auth: `token ${await f.token()}` })).body;
    expect(commit.commit.author.name).toMatch(/\[bot\]$/);
    expect(commit.commit.message).toContain(`Fleetgate-Run: ${runId}`);
    expect(commit.commit.message).toMatch(/Co-authored-by: operator <operator-[0-9a-f]+@example.test>/);

    expect(await publishRun(runId)).toBe(`already published as PR #${cs.prNumber}`);
    // The same attempt again from scratch (a worker killed after the PR was made, before it was recorded).
    await db.changeset.update({ where: { id: cs.id }, data: { state: "publishing", prNumber: null } });
    expect(await publishRun(runId)).toBe(`draft PR #${cs.prNumber}`);
    expect((await pulls()).filter((p) => p.head.ref === cs.branch)).toHaveLength(1);
    // Tokens were leased per step, sealed, and are all revoked.
    const leases = await db.tokenLease.findMany({ where: { runId } });
    expect(new Set(leases.map((l) => l.step))).toEqual(new Set(["clone", "push", "open_pr"]));
    expect(leases.every((l) => l.revokedAt !== null && !l.tokenSealed.includes("ghs_"))).toBe(true);
  });

  it("a high-risk change (a critical repository) is labelled agent:needs-human-review, says a human must review it, and is never set to auto-merge", async () => {
    await ensureRepository(f.twin.ctx, { owner: "acme", name: "vault", files: { "package.json": '{ "name": "vault" }\n', "src/index.js": "module.exports = 0;\n", "test/index.test.js": "require('node:test')('one', () => {});\n" } });
    const installation = await db.githubInstallation.findFirstOrThrow({ where: { tenantId: tenant.id } });
    const vault = await db.repository.create({ data: { tenantId: tenant.id, owner: "acme", name: "vault", riskTier: "critical", remoteUrl: `${f.twin.url}/acme/vault.git`, verifierProfile: "node-test", githubInstallationId: installation.id } });
    const { runId, taskId } = await runAs(operator.id, tenant, "publish", (ctx) => createTask(ctx, {
      repositoryId: vault.id, taskClass: "docs_update", instruction: "Document the vault", autonomy: "draft_pr", agent: { kind: "recipe", recipe: recipe(write("docs/vault.md", "# Vault\n")) },
    }));
    expect(await executeRun(runId)).toBe("succeeded");
    expect(await publishRun(runId)).toMatch(/^draft PR #\d+$/);
    const cs = await changesetOf(taskId);
    expect(cs.needsHumanReview).toBe(true);
    expect(cs.labels).toContain("agent:needs-human-review");
    expect(cs.labels).not.toContain("agent:verified");
    const pr = (await f.call("GET", `/repos/acme/vault/pulls/${cs.prNumber}`, { auth: `token ${await f.token()}` })).body;
    expect(pr.labels.map((l: { name: string }) => l.name)).toContain("agent:needs-human-review");
    expect(pr.body).toContain("**A human must review this change before it can merge**: the repository is critical");
    expect(pr.auto_merge ?? null).toBeNull();
  });

  it("a repository not reached through an installation holds publishing as not connected; once it is, the reconciler publishes", async () => {
    await ensureRepository(f.twin.ctx, { owner: "acme", name: "dock", files: { "package.json": '{ "name": "dock" }\n', "test/index.test.js": "require('node:test')('one', () => {});\n" } });
    const dock = await db.repository.create({ data: { tenantId: tenant.id, owner: "acme", name: "dock", remoteUrl: `${f.twin.url}/acme/dock.git`, verifierProfile: "node-test" } });
    const installation = await db.githubInstallation.findFirstOrThrow({ where: { tenantId: tenant.id } });
    // Cloned before it was mapped (as an admin could have registered it with a remote of its own): here, through the installation.
    await db.repository.update({ where: { id: dock.id }, data: { githubInstallationId: installation.id } });
    const { runId, taskId } = await runAs(operator.id, tenant, "publish", (ctx) => createTask(ctx, {
      repositoryId: dock.id, taskClass: "docs_update", instruction: "Document the dock", autonomy: "draft_pr", agent: { kind: "recipe", recipe: recipe(write("docs/dock.md", "# Dock\n")) },
    }));
    expect(await executeRun(runId)).toBe("succeeded");
    await db.repository.update({ where: { id: dock.id }, data: { githubInstallationId: null } });
    expect(await publishRun(runId)).toMatch(/^blocked: acme\/dock is not reached through an active GitHub App installation/);
    expect(await changesetOf(taskId)).toMatchObject({ state: "blocked", holdKind: "not_connected" });
    expect((await reconcilePublications({ tenantId: tenant.id })).requeued).toBe(0);
    await db.repository.update({ where: { id: dock.id }, data: { githubInstallationId: installation.id } });
    expect((await reconcilePublications({ tenantId: tenant.id })).requeued).toBe(1);
    expect(await publishRun(runId)).toMatch(/^draft PR #\d+$/);
  });

  it("adopts the PR that a 502 hid: the retry finds it created and opens no second one", async () => {
    const { runId, taskId } = await succeeded(write("docs/faq.md", "# FAQ\n"));
    await f.call("POST", "/_twin/faults", { body: { kind: "502-after", count: 1 } });
    expect(await publishRun(runId)).toMatch(/^draft PR #\d+$/);
    const cs = await changesetOf(taskId);
    expect((await pulls()).filter((p) => p.head.ref === cs.branch)).toHaveLength(1);
  });

  it("freezes a changeset whose branch someone else committed to: the next attempt does not push over it", async () => {
    const { runId, taskId } = await succeeded(write("docs/edited.md", "one\n"));
    await publishRun(runId);
    const cs = await changesetOf(taskId);
    await human({ action: "push", number: cs.prNumber, files: { "docs/edited.md": "a person's fix\n" }, message: "Fix by a person" });
    const retried = await runAs(operator.id, tenant, "publish", (ctx) => retryRun(ctx, runId, { reason: "again" }));
    expect(await executeRun(retried.runId)).toBe("succeeded");
    expect(await publishRun(retried.runId)).toMatch(/^edited: someone else committed to /);
    const after = await changesetOf(taskId);
    expect(after).toMatchObject({ state: "edited", holdKind: "edited", headSha: cs.headSha });
    const [pr] = (await pulls()).filter((p) => p.head.ref === cs.branch);
    expect(pr!.head.sha).not.toBe(cs.headSha);
    const comments = (await f.call("GET", `/repos/${REPO}/issues/${cs.prNumber}/comments`, { auth: `token ${await f.token()}` })).body as { body: string }[];
    expect(comments.filter((c) => c.body.startsWith(`Fleetgate will not push to \`${cs.branch}\` again`))).toHaveLength(1);
    // Said once: the reconciler finds nothing left to say.
    expect((await reconcilePublications({ tenantId: tenant.id })).said).toBe(0);
  });

  it("supervised_pr waits for a person's approval before the PR exists; the requester cannot approve it", async () => {
    const { runId, taskId } = await succeeded(write("docs/supervised.md", "# Supervised\n"), { autonomy: "supervised_pr" });
    expect(await publishRun(runId)).toMatch(/^awaiting approval: request \S+ raised$/);
    const cs = await changesetOf(taskId);
    expect(cs.state).toBe("awaiting_approval");
    expect((await pulls()).filter((p) => p.head.ref === cs.branch)).toHaveLength(0);
    const request = await db.approvalRequest.findFirstOrThrow({ where: { subjectType: "changeset", subjectId: cs.id } });
    expect(request).toMatchObject({ kind: "pr_publish", requesterId: operator.id, state: "pending" });
    await expect(runAs(operator.id, tenant, "publish", (ctx) => voteOnApproval(ctx, request.id, { vote: "approve" }))).rejects.toThrow(/separation of duties|not eligible/);
    await runAs(approver.id, tenant, "publish", (ctx) => voteOnApproval(ctx, request.id, { vote: "approve" }));
    await applyOutcome(request.id);
    expect(await publishRun(runId)).toMatch(/^open PR #\d+$/);
    expect((await changesetOf(taskId)).state).toBe("open");
  });

  it("autonomous_pr for a class policy does not mark safe waits for a person, saying why", async () => {
    const { runId, taskId } = await succeeded(write("src/extra.js", "module.exports = 2;\n"), { autonomy: "autonomous_pr", taskClass: "refactor" });
    expect(await publishRun(runId)).toMatch(/^awaiting approval/);
    const cs = await changesetOf(taskId);
    const request = await db.approvalRequest.findFirstOrThrow({ where: { subjectType: "changeset", subjectId: cs.id } });
    expect((request.proposal as { autonomousRefused: string }).autonomousRefused).toMatch(/does not mark refactor safe/);
  });

  it("a secret in the patch blocks publishing: nothing is pushed, the patch becomes restricted evidence", async () => {
    const key = "AKIA" + "Q3EGRTYUIOPASDFG";
    const { runId, taskId } = await succeeded(write("docs/config.md", `aws_access_key_id = ${key}\n`));
    expect(await publishRun(runId)).toMatch(/^blocked: the secret scan found 1 secret/);
    const cs = await changesetOf(taskId);
    expect(cs).toMatchObject({ state: "blocked", holdKind: "secret_scan", headSha: null, prNumber: null });
    expect(JSON.stringify(await db.changesetEvent.findMany({ where: { changesetId: cs.id } }))).not.toContain(key);
    expect(await db.runArtifact.findUniqueOrThrow({ where: { runId_kind: { runId, kind: "patch" } } })).toMatchObject({ restricted: true });
    const branches = (await f.call("GET", `/repos/${REPO}/branches/${encodeURIComponent(cs.branch)}`, { auth: `token ${await f.token()}` })).status;
    expect(branches).toBe(404);
    expect(await db.notification.count({ where: { userId: operator.id, kind: "changeset.blocked", dedupeKey: { startsWith: `changeset.blocked:${cs.id}:` } } })).toBe(1);
  });

  it("the pr_creation kill switch holds publishing; once released, the reconciler publishes", async () => {
    const { runId, taskId } = await succeeded(write("docs/held.md", "# Held\n"));
    const sw = await db.killSwitch.create({ data: { tenantId: tenant.id, level: "repository", target: repositoryId, effects: ["pr_creation"], reason: "storm", setByLabel: "test" } });
    expect(await publishRun(runId)).toMatch(/^blocked: held by /);
    expect(await changesetOf(taskId)).toMatchObject({ state: "blocked", holdKind: "kill_switch" });
    expect((await reconcilePublications({ tenantId: tenant.id })).requeued).toBe(0);
    await db.killSwitch.update({ where: { id: sw.id }, data: { releasedAt: new Date(), releasedByLabel: "test", releaseReason: "over" } });
    expect((await reconcilePublications({ tenantId: tenant.id })).requeued).toBe(1);
    expect(await publishRun(runId)).toMatch(/^draft PR #\d+$/);
  });

  it("a base that moved so the patch no longer applies starts a new attempt on the new base", async () => {
    const { runId, taskId } = await succeeded(`  - replace: { files: "README.md", pattern: "# shipyard", with: "# Shipyard", regex: false }\n`);
    await human({ action: "move_base", files: { "README.md": "# The shipyard\n" }, message: "A person rewrites the README" });
    expect(await publishRun(runId)).toMatch(/^stale base: a new attempt runs \((\S+)\)$/);
    const next = await db.run.findFirstOrThrow({ where: { taskId, attempt: 2 } });
    expect(next.state).toBe("queued");
    expect((await db.changesetEvent.findMany({ where: { changeset: { taskId }, kind: "flag" } }))[0]!.message).toMatch(/patch no longer applies/);
    const { branch } = await changesetOf(taskId);
    expect((await pulls()).filter((p) => p.head.ref === branch)).toHaveLength(0);
  });

  it("a running kill switch revokes the live tokens it covers at once; close_drafts closes agent drafts with a comment", async () => {
    const { runId, taskId } = await succeeded(write("docs/contain.md", "# Contain\n"));
    expect(await publishRun(runId)).toMatch(/^draft PR/);
    const cs = await changesetOf(taskId);
    const installation = await db.githubInstallation.findFirstOrThrow({ where: { tenantId: tenant.id } });
    const lease = await leaseStepToken({ tenantId: tenant.id, repositoryId, runId, installationGithubId: installation.githubId, owner: "acme", name: "shipyard" }, "read_state");
    expect((await f.call("GET", `/repos/${REPO}`, { auth: `token ${lease.token}` })).status).toBe(200);
    const admin = await addPerson(tenant, ["tenant_admin"], "admin");
    const { killSwitch } = await runAs(admin.id, tenant, "publish", (ctx) => setKillSwitch(ctx, { level: "repository", target: repositoryId, effects: ["running", "close_drafts"], reason: "contain the storm" }));
    expect((await db.tokenLease.findUniqueOrThrow({ where: { id: lease.id } })).revokedAt).not.toBeNull();
    expect((await f.call("GET", `/repos/${REPO}`, { auth: `token ${lease.token}` })).status).toBe(401);
    expect((await db.auditEvent.findFirstOrThrow({ where: { action: "killswitch.set", resourceId: killSwitch.id } })).after).toMatchObject({ leasesRevoked: 1, leasesNotRevoked: 0 });
    const drafts = await db.changeset.count({ where: { repositoryId, state: "draft" } });
    expect(await closeDrafts(killSwitch.id)).toBe(`closed ${drafts} draft PR(s)`);
    expect(await changesetOf(taskId)).toMatchObject({ state: "closed", closedAt: expect.any(Date) });
    const pr = (await f.call("GET", `/repos/${REPO}/pulls/${cs.prNumber}`, { auth: `token ${await f.token()}` })).body;
    expect(pr.state).toBe("closed");
    const comments = (await f.call("GET", `/repos/${REPO}/issues/${cs.prNumber}/comments`, { auth: `token ${await f.token()}` })).body as { body: string }[];
    expect(comments.at(-1)!.body).toMatch(/^Fleetgate closed this draft: closed by .*contain the storm/);
    expect(await closeDrafts(killSwitch.id)).toBe("closed 0 draft PR(s)");
    await db.killSwitch.update({ where: { id: killSwitch.id }, data: { releasedAt: new Date(), releasedByLabel: "test", releaseReason: "over" } });
  });

  it("records every content-creating write in the installation's pace log", async () => {
    const installation = await db.githubInstallation.findFirstOrThrow({ where: { tenantId: tenant.id } });
    const routes = (await db.githubWrite.findMany({ where: { installationId: installation.id } })).map((w) => w.route);
    expect(routes).toContain(`POST /repos/${REPO}/pulls`);
    expect(routes.some((r) => new RegExp(`^POST /repos/${REPO}/issues/\\d+/labels$`).test(r))).toBe(true);
    expect(installation.lastWriteAt).not.toBeNull();
    // Admin → GitHub shows the same count for the last hour, beside what the limits allow.
    const { pace } = await getInstallation(readContext(await scopeAs(operator.id, tenant)), installation.id);
    expect(pace).toEqual({ ...paceLimits(), requestsPerPullRequest: 3, pullRequestsPerHour: pullRequestsPerHour(paceLimits()), lastMinute: expect.any(Number), lastHour: routes.length });
  });
});
