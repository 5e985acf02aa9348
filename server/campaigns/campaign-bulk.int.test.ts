// Bulk actions, retry failed and abort closing drafts against the GitHub twin, end to end: a
// campaign's canary runs publish real draft PRs; close and comment become changeset actions done by
// the github job (step tokens, keyed writes: a job run twice, or killed after its comment, writes
// once), retry and rerun start new attempts (a rerun's publishes onto the moved default branch and
// takes over its PR), and every affected changeset is traceable in the audit trail.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as bulkRoute } from "@/app/api/v1/tenants/[tenant]/campaigns/[campaignId]/changesets/bulk/route";
import { POST as abortRoute } from "@/app/api/v1/tenants/[tenant]/campaigns/[campaignId]/abort/route";
import { db } from "../db/client";
import { overrideEnv } from "../env";
import { applyChangesetAction } from "../github/changesets/apply-changeset-action";
import { publishRun } from "../github/publish/publish-run";
import { ensureRepository } from "../github/twin/seed-twin";
import { APP_ID, SECRET, startTwinFixture, type TwinFixture } from "../github/twin/testing/twin-fixture";
import { executeRun } from "../runs/execute-run";
import { callRoute, tokenOf } from "../test/call-route";
import { RECIPE } from "../test/campaign-fleet";
import { createTestTenant } from "../test/create-tenant";
import { addPerson, ownApprovalQueues, runAs, type TestPerson, type TestTenant } from "../test/run-as";
import { createCampaign } from "./create-campaign";
import { launchCampaign } from "./launch-campaign";
import { pauseCampaign } from "./pause-campaign";
import { retryFailedRuns } from "./retry-failed-runs";

ownApprovalQueues("cs-bulk");

let f: TwinFixture;
let tenant: TestTenant;
let owner: TestPerson;
let token: string;
const REPOS = ["alpha", "beta", "gamma", "delta"];
const repoId: Record<string, string> = {};

type Launched = { id: string; cs: Record<string, { id: string; prNumber: number; runId: string; taskId: string }> };

// Each test starts with no live agent PR in the tenant: the PR-storm caps (3 per repository by
// default) are server/github/caps/'s subject, not this file's. As if a person had closed them.
afterEach(async () => {
  await db.changeset.updateMany({ where: { tenantId: tenant.id, prNumber: { not: null }, state: { notIn: ["merged", "closed"] } }, data: { state: "closed" } });
});

/** A campaign over the repositories, all in its canary wave, each run executed and published as a draft PR. */
async function launched(names: string[]): Promise<Launched> {
  const spec = {
    name: `bulk-${Math.random().toString(36).slice(2, 8)}`, description: "bulk actions",
    change: { taskClass: "docs_update", instruction: "Refresh CONTRIBUTING.md", agent: { kind: "recipe", recipe: RECIPE } },
    targets: { repositories: names.map((n) => `acme/${n}`) }, autonomy: "draft_pr", waves: { canary: names.length, sizes: [] },
  };
  const id = (await runAs(owner.id, tenant, "create", (ctx) => createCampaign(ctx, { spec: spec as never }))).campaign.id;
  await runAs(owner.id, tenant, "launch", (ctx) => launchCampaign(ctx, id, {}));
  const cs: Launched["cs"] = {};
  const nameOf = Object.fromEntries(Object.entries(repoId).map(([name, rid]) => [rid, name]));
  for (const run of await db.run.findMany({ where: { campaignId: id } })) {
    expect(await executeRun(run.id)).toBe("succeeded");
    expect(await publishRun(run.id)).toMatch(/^draft PR #\d+$/);
    const c = await db.changeset.findUniqueOrThrow({ where: { taskId: run.taskId } });
    cs[nameOf[run.repositoryId]!] = { id: c.id, prNumber: c.prNumber!, runId: run.id, taskId: run.taskId };
  }
  return { id, cs };
}

/** A campaign over one repository whose canary run succeeded and is not published yet. */
async function launchedUnpublished(names: string[]): Promise<{ id: string; runId: string }> {
  const spec = {
    name: `bulk-${Math.random().toString(36).slice(2, 8)}`, description: "aborted before publishing",
    change: { taskClass: "docs_update", instruction: "Refresh CONTRIBUTING.md", agent: { kind: "recipe", recipe: RECIPE } },
    targets: { repositories: names.map((n) => `acme/${n}`) }, autonomy: "draft_pr", waves: { canary: names.length, sizes: [] },
  };
  const id = (await runAs(owner.id, tenant, "create", (ctx) => createCampaign(ctx, { spec: spec as never }))).campaign.id;
  await runAs(owner.id, tenant, "launch", (ctx) => launchCampaign(ctx, id, {}));
  const run = await db.run.findFirstOrThrow({ where: { campaignId: id } });
  expect(await executeRun(run.id)).toBe("succeeded");
  return { id, runId: run.id };
}

const bulk = (campaignId: string, body: unknown) => callRoute(bulkRoute, { token, tenant, path: `/campaigns/${campaignId}/changesets/bulk`, params: { campaignId }, body });
const pull = async (name: string, n: number) => (await f.call("GET", `/repos/acme/${name}/pulls/${n}`, { auth: `token ${await f.token()}` })).body as { state: string; head: { sha: string }; base: { sha: string } };
const comments = async (name: string, n: number) => ((await f.call("GET", `/repos/acme/${name}/issues/${n}/comments?per_page=100`, { auth: `token ${await f.token()}` })).body as { body: string }[]).map((c) => c.body);
const actionsOf = (batchId: string) => db.changesetAction.findMany({ where: { batchId }, orderBy: { createdAt: "asc" } });
const applyAll = async (batchId: string) => Promise.all((await actionsOf(batchId)).map((a) => applyChangesetAction(a.id)));

beforeAll(async () => {
  f = await startTwinFixture();
  overrideEnv({ GITHUB_APP_ID: String(APP_ID), GITHUB_APP_PRIVATE_KEY_FILE: f.twin.privateKeyPath!, GITHUB_WEBHOOK_SECRET: SECRET, GITHUB_API_URL: f.twin.url, GITHUB_WRITE_SPACING_MS: "0" });
  tenant = await createTestTenant("cs-bulk");
  owner = await addPerson(tenant, ["campaign_owner"], "owner");
  token = await tokenOf(owner, tenant, ["campaign_owner"]);
  const team = await db.team.create({ data: { tenantId: tenant.id, slug: "docs", name: "Docs" } });
  await db.teamMember.create({ data: { tenantId: tenant.id, teamId: team.id, userId: owner.id } });
  const installation = await db.githubInstallation.create({ data: { githubId: f.installationId, tenantId: tenant.id, accountLogin: "acme", accountType: "Organization", repositorySelection: "all" } });
  for (const name of REPOS) {
    await ensureRepository(f.twin.ctx, {
      owner: "acme", name,
      files: { "package.json": `{ "name": "${name}", "version": "1.0.0" }\n`, "test/index.test.js": "require('node:test')('one', () => {});\n", "README.md": `# ${name}\n` },
    });
    repoId[name] = (await db.repository.create({
      data: { tenantId: tenant.id, owner: "acme", name, riskTier: "low", teamId: team.id, remoteUrl: `${f.twin.url}/acme/${name}.git`, verifierProfile: "node-test", githubInstallationId: installation.id },
    })).id;
  }
});

afterEach(() => {
  expect(f.takeProblems()).toEqual([]);
});

afterAll(async () => {
  await f.cleanup();
});

describe("bulk actions on a campaign's changesets", () => {
  it("comment: posted once on each PR by the github job, skipped where there is no PR; each changeset audited", async () => {
    const c = await launched(["alpha", "beta", "gamma"]);
    await db.changeset.update({ where: { id: c.cs.gamma!.id }, data: { state: "held", prNumber: null, holdKind: "team_open_cap", flagReason: "held: team docs has 5 open agent PRs (cap 5)" } });
    const r = await bulk(c.id, { action: "comment", ids: [c.cs.alpha!.id, c.cs.beta!.id, c.cs.gamma!.id], comment: "Please review this week." });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.results).toEqual([
      { id: c.cs.alpha!.id, outcome: "queued", message: `commenting on PR #${c.cs.alpha!.prNumber}`, runId: null },
      { id: c.cs.beta!.id, outcome: "queued", message: `commenting on PR #${c.cs.beta!.prNumber}`, runId: null },
      { id: c.cs.gamma!.id, outcome: "skipped", message: "held: it has no pull request", runId: null },
    ]);
    const batch = r.body.batchId as string;
    const audit = await db.auditEvent.findFirstOrThrow({ where: { requestId: r.requestId } });
    expect(audit).toMatchObject({ action: "campaign.changesets.comment", resourceType: "campaign", resourceId: c.id });
    expect((audit.after as { items: { changeset: string; outcome: string }[] }).items.map((i) => [i.changeset, i.outcome])).toEqual([[c.cs.alpha!.id, "queued"], [c.cs.beta!.id, "queued"], [c.cs.gamma!.id, "skipped"]]);

    expect((await applyAll(batch)).sort()).toEqual([`commented on PR #${c.cs.alpha!.prNumber}`, `commented on PR #${c.cs.beta!.prNumber}`].sort());
    expect(await comments("alpha", c.cs.alpha!.prNumber)).toEqual([expect.stringMatching(/^Please review this week\.\n\n<!-- fleetgate-action:\S+ -->$/)]);
    // A job run again writes nothing; one killed after posting, before recording it, finds its comment by the marker.
    const [first] = await actionsOf(batch);
    expect(await applyChangesetAction(first!.id)).toMatch(/^nothing to do: already done/);
    await db.changesetAction.update({ where: { id: first!.id }, data: { state: "failed", commentId: null } });
    expect(await applyChangesetAction(first!.id)).toMatch(/^commented on PR/);
    const cs = await db.changeset.findUniqueOrThrow({ where: { id: first!.changesetId }, include: { repository: true } });
    expect(await comments(cs.repository.name, cs.prNumber!)).toHaveLength(1);
    expect((await db.changesetAction.findUniqueOrThrow({ where: { id: first!.id } })).commentId).not.toBeNull();
    const perChangeset = await db.auditEvent.findMany({ where: { tenantId: tenant.id, action: "changeset.comment" }, select: { resourceId: true, after: true } });
    expect(new Set(perChangeset.map((e) => e.resourceId))).toEqual(new Set([c.cs.alpha!.id, c.cs.beta!.id]));
    expect(perChangeset.every((e) => (e.after as { batch: string }).batch === batch)).toBe(true);
    expect(await db.tokenLease.count({ where: { changesetId: c.cs.alpha!.id, step: "pr_write", revokedAt: null } })).toBe(0);
  });

  it("close: the PR closed with the comment and the changeset closed by the job; merged and closed ones skipped with the reason", async () => {
    const c = await launched(["alpha", "beta", "gamma"]);
    await db.changeset.update({ where: { id: c.cs.gamma!.id }, data: { state: "merged", mergedAt: new Date() } });
    const r = await bulk(c.id, { action: "close", ids: [c.cs.alpha!.id, c.cs.beta!.id, c.cs.gamma!.id], comment: "Superseded by the platform team's change.", reason: "superseded" });
    expect(r.body.counts).toEqual({ done: 0, queued: 2, skipped: 1 });
    expect((r.body.results as { message: string }[])[2]!.message).toBe("merged: nothing to close");
    await applyAll(r.body.batchId as string);
    for (const name of ["alpha", "beta"]) {
      const { prNumber, id } = c.cs[name]!;
      expect((await pull(name, prNumber)).state).toBe("closed");
      expect(await comments(name, prNumber)).toEqual([expect.stringMatching(/^Superseded by the platform team's change\./)]);
      const closed = await db.changeset.findUniqueOrThrow({ where: { id } });
      expect(closed).toMatchObject({ state: "closed", closedAt: expect.any(Date) });
      const event = await db.auditEvent.findFirstOrThrow({ where: { tenantId: tenant.id, resourceId: id, action: "changeset.closed" } });
      expect((event.after as { cause: string }).cause).toMatch(new RegExp(`^closed by \\S+ \\(bulk ${r.body.batchId} of campaign bulk-\\w+\\): superseded$`));
    }
    // Closing again: each is closed already, and nothing is asked of GitHub.
    const again = await bulk(c.id, { action: "close", ids: [c.cs.alpha!.id] });
    expect(again.body.results).toEqual([{ id: c.cs.alpha!.id, outcome: "skipped", message: "closed already: nothing to close", runId: null }]);
  });

  it("retry and rerun: new attempts where they apply (a rerun publishes on the current default branch, into the same PR), the rest skipped", async () => {
    const c = await launched(["alpha", "beta", "gamma"]);
    // beta's later attempt failed; alpha's publication is fine; gamma's run is still going.
    const failed = await db.run.create({ data: { tenantId: tenant.id, taskId: c.cs.beta!.taskId, repositoryId: repoId.beta!, taskClass: "docs_update", requesterLabel: "test", campaignId: c.id, attempt: 2, state: "failed", failureClass: "verifier_failed", finishedAt: new Date() } });
    await db.run.create({ data: { tenantId: tenant.id, taskId: c.cs.gamma!.taskId, repositoryId: repoId.gamma!, taskClass: "docs_update", requesterLabel: "test", campaignId: c.id, attempt: 2, state: "running" } });
    const retry = await bulk(c.id, { action: "retry", ids: [c.cs.alpha!.id, c.cs.beta!.id, c.cs.gamma!.id], reason: "flaky verifier" });
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    const [alpha, beta, gamma] = retry.body.results as { outcome: string; message: string; runId: string | null }[];
    expect(alpha).toMatchObject({ outcome: "skipped", message: "draft: nothing failed (rerun starts a new attempt on the current default branch)" });
    expect(beta).toMatchObject({ outcome: "done", runId: expect.any(String) });
    expect(gamma).toMatchObject({ outcome: "skipped", message: expect.stringMatching(/^its run \S+ is running: retry once it has ended$/) });
    expect(await db.run.findUniqueOrThrow({ where: { id: beta!.runId! } })).toMatchObject({ taskId: c.cs.beta!.taskId, attempt: 3, state: "queued", campaignId: c.id });
    const retried = await db.auditEvent.findFirstOrThrow({ where: { tenantId: tenant.id, action: "run.retry", resourceId: failed.id } });
    expect(retried.after).toMatchObject({ retriedAs: beta!.runId, attempt: 3, reason: expect.stringContaining(`(bulk ${retry.body.batchId} of campaign`) });

    // A person moves alpha's default branch; the rerun starts from it and updates the same PR.
    const moved = (await f.call("POST", "/_twin/human", { body: { repo: "acme/alpha", user: "octocat", action: "move_base", files: { "README.md": "# alpha, moved\n" }, message: "Move the base" } })).body.sha as string;
    const rerun = await bulk(c.id, { action: "rerun", ids: [c.cs.alpha!.id] });
    const [again] = rerun.body.results as { outcome: string; runId: string }[];
    expect(again).toMatchObject({ outcome: "done", runId: expect.any(String) });
    expect(await executeRun(again!.runId)).toBe("succeeded");
    expect((await db.run.findUniqueOrThrow({ where: { id: again!.runId } })).baseSha).toBe(moved);
    expect(await publishRun(again!.runId)).toBe(`draft PR #${c.cs.alpha!.prNumber}`);
    expect(await db.changeset.findUniqueOrThrow({ where: { id: c.cs.alpha!.id } })).toMatchObject({ runId: again!.runId, baseSha: moved, prNumber: c.cs.alpha!.prNumber });
  });

  it("retry failed: a new attempt of every failed run of the started waves, in a paused campaign too", async () => {
    const c = await launched(["alpha", "beta"]);
    await db.run.update({ where: { id: c.cs.alpha!.runId }, data: { state: "failed", failureClass: "verifier_failed" } });
    await runAs(owner.id, tenant, "pause", (ctx) => pauseCampaign(ctx, c.id, { reason: "looking at the failure" }));
    const r = await runAs(owner.id, tenant, "retry-failed", (ctx) => retryFailedRuns(ctx, c.id, { reason: "fixed the verifier" }));
    expect(r, JSON.stringify(r.results)).toMatchObject({ counts: { done: 1, skipped: 0 }, remaining: 0, results: [{ id: c.cs.alpha!.runId, outcome: "done" }] });
    expect(await db.run.findUniqueOrThrow({ where: { id: r.results[0]!.runId! } })).toMatchObject({ attempt: 2, state: "queued" });
    expect(await executeRun(r.results[0]!.runId!)).toMatch(/is paused$/);
    const again = await runAs(owner.id, tenant, "retry-failed", (ctx) => retryFailedRuns(ctx, c.id, {}));
    expect(again.results).toEqual([]);
  });
});

describe("abort with closeDrafts", () => {
  it("closes the campaign's unmerged agent PRs with a comment naming the abort, leaving one a person committed to", async () => {
    const c = await launched(["alpha", "beta", "gamma", "delta"]);
    await db.changeset.update({ where: { id: c.cs.gamma!.id }, data: { state: "edited", flagReason: "someone else committed" } });
    await db.changeset.update({ where: { id: c.cs.delta!.id }, data: { state: "open" } });
    const r = await callRoute(abortRoute, { token, tenant, path: `/campaigns/${c.id}/abort`, params: { campaignId: c.id }, body: { reason: "wrong change", closeDrafts: true } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const abort = await db.auditEvent.findFirstOrThrow({ where: { requestId: r.requestId, action: "campaign.abort" } });
    expect(abort.after).toMatchObject({ closeDrafts: true, pullRequestsClosing: 3, actionBatch: `abort-${c.id}` });
    const results = await applyAll(`abort-${c.id}`);
    expect(results).toHaveLength(3);
    for (const name of ["alpha", "beta", "delta"]) {
      expect((await pull(name, c.cs[name]!.prNumber)).state).toBe("closed");
      expect(await comments(name, c.cs[name]!.prNumber)).toEqual([expect.stringMatching(/^Fleetgate closed this pull request: its campaign bulk-\w+ was aborted by \S+: wrong change\./)]);
      expect((await db.changeset.findUniqueOrThrow({ where: { id: c.cs[name]!.id } })).state).toBe("closed");
    }
    expect((await pull("gamma", c.cs.gamma!.prNumber)).state).toBe("open");
    expect((await db.changeset.findUniqueOrThrow({ where: { id: c.cs.gamma!.id } })).state).toBe("edited");
    const timeline = await db.changesetEvent.findMany({ where: { changesetId: c.cs.alpha!.id }, orderBy: { seq: "asc" }, select: { kind: true, message: true } });
    expect(timeline.slice(-2).map((e) => e.kind)).toEqual(["flag", "transition"]);
    expect(timeline.at(-2)!.message).toMatch(/^closing PR #\d+: campaign bulk-\w+ aborted by /);
    // A publication queued before the abort opens no PR after it.
    const late = await launchedUnpublished(["beta"]);
    await callRoute(abortRoute, { token, tenant, path: `/campaigns/${late.id}/abort`, params: { campaignId: late.id }, body: { reason: "changed our minds" } });
    expect(await publishRun(late.runId)).toMatch(/^blocked: its campaign bulk-\w+ was aborted; nothing more is published for it$/);
    expect(await db.changeset.findFirstOrThrow({ where: { runId: late.runId } })).toMatchObject({ state: "blocked", holdKind: "campaign_aborted", prNumber: null });
    // Without closeDrafts an abort leaves the PRs open.
    const other = await launched(["alpha"]);
    await callRoute(abortRoute, { token, tenant, path: `/campaigns/${other.id}/abort`, params: { campaignId: other.id }, body: { reason: "not now" } });
    expect(await db.changesetAction.count({ where: { batchId: `abort-${other.id}` } })).toBe(0);
    expect((await pull("alpha", other.cs.alpha!.prNumber)).state).toBe("open");
  });
});
