// The read side of changesets: the filtered, keyset-paged list, one changeset with its timeline, risk
// parts, timings and provenance, the changeset of a run (its own or its task's), and tenant
// isolation through the domain functions and the API routes. Rows are written straight to the
// database (server/test/insert-changeset.ts), as the publisher and the webhooks would leave them.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getChangesetHandler } from "@/app/api/v1/tenants/[tenant]/changesets/[changesetId]/route";
import { GET as listChangesetsHandler } from "@/app/api/v1/tenants/[tenant]/changesets/route";
import { GET as runChangesetHandler } from "@/app/api/v1/tenants/[tenant]/runs/[runId]/changeset/route";
import { readContext } from "../../core/read-context";
import { db } from "../../db/client";
import { auditOfRequest, callRoute, tokenOf } from "../../test/call-route";
import { createTestTenant } from "../../test/create-tenant";
import { insertChangeset, republish } from "../../test/insert-changeset";
import { addPerson, ownApprovalQueues, scopeAs, type TestPerson, type TestTenant } from "../../test/run-as";
import { ZChangesetFilter } from "./changeset-input";
import { ZChangesetDetail, ZChangesetSummary } from "./changeset-view";
import { getChangeset } from "./get-changeset";
import { getRunChangeset } from "./get-run-changeset";
import { listChangesets } from "./list-changesets";

ownApprovalQueues("changesets-read");

let tenant: TestTenant;
let other: TestTenant;
let viewer: TestPerson;
let outsider: TestPerson;
let web: string;
let docs: string;
let otherRepo: string;

const reader = async (who: TestPerson = viewer, t: TestTenant = tenant) => readContext(await scopeAs(who.id, t));
const list = async (q: Record<string, unknown> = {}, who?: TestPerson, t?: TestTenant) => listChangesets(await reader(who, t), ZChangesetFilter.parse(q));
const ids = async (q: Record<string, unknown>) => (await list({ limit: 100, ...q })).changesets.map((c) => c.id);
const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 9, 0) + minutes * 60_000);

beforeAll(async () => {
  tenant = await createTestTenant("changesets");
  other = await createTestTenant("changesets-other");
  viewer = await addPerson(tenant, ["viewer"], "viewer");
  outsider = await addPerson(other, ["tenant_admin"], "outsider");
  web = (await db.repository.create({ data: { tenantId: tenant.id, owner: "acme", name: "web-frontend" } })).id;
  docs = (await db.repository.create({ data: { tenantId: tenant.id, owner: "acme", name: "docs-site" } })).id;
  otherRepo = (await db.repository.create({ data: { tenantId: other.id, owner: "globex", name: "api" } })).id;
});

describe("the pull requests list", () => {
  it("filters by state, repository, task class, mode, risk level, review and checks state and campaign", async () => {
    const mk = (o: Parameters<typeof insertChangeset>[1]) => insertChangeset(tenant, o).then((r) => r.changeset.id);
    const draft = await mk({ repositoryId: web, state: "draft", riskScore: 0, reviewState: "none", checksState: "pending" });
    const merged = await mk({ repositoryId: web, state: "merged", riskScore: 3.4, reviewState: "approved", checksState: "passing", mode: "supervised_pr" });
    const medium = await mk({ repositoryId: docs, state: "open", riskScore: 3.5, taskClass: "docs_update", reviewState: "changes_requested", checksState: "failing" });
    const belowHigh = await mk({ repositoryId: docs, state: "open", riskScore: 6.9, reviewState: "review_required" });
    const high = await mk({ repositoryId: web, state: "needs_human", riskScore: 7, set: { needsHumanReview: true, flagReason: "the risk score 7 is at or above the threshold 7" }, campaignId: "camp-1" });
    const top = await mk({ repositoryId: web, state: "blocked", riskScore: 10, mode: "autonomous_pr" });
    await insertChangeset(other, { repositoryId: otherRepo, state: "open", riskScore: 8 });

    expect(new Set(await ids({}))).toEqual(new Set([draft, merged, medium, belowHigh, high, top]));
    expect(await ids({ state: "merged" })).toEqual([merged]);
    expect(new Set(await ids({ repositoryId: docs }))).toEqual(new Set([medium, belowHigh]));
    expect(await ids({ taskClass: "docs_update" })).toEqual([medium]);
    expect(await ids({ mode: "supervised_pr" })).toEqual([merged]);
    expect(await ids({ mode: "autonomous_pr" })).toEqual([top]);
    // The bands of risk-score.ts at the default threshold 7: low < 3.5 <= medium < 7 <= high.
    expect(new Set(await ids({ riskLevel: "low" }))).toEqual(new Set([draft, merged]));
    expect(new Set(await ids({ riskLevel: "medium" }))).toEqual(new Set([medium, belowHigh]));
    expect(new Set(await ids({ riskLevel: "high" }))).toEqual(new Set([high, top]));
    expect(await ids({ reviewState: "changes_requested" })).toEqual([medium]);
    expect(await ids({ checksState: "failing" })).toEqual([medium]);
    expect(await ids({ campaignId: "camp-1" })).toEqual([high]);
    expect(await ids({ state: "open", repositoryId: web })).toEqual([]);

    const rows = (await list({ limit: 100 })).changesets;
    for (const r of rows) expect(ZChangesetSummary.parse(r)).toEqual(r);
    const h = rows.find((r) => r.id === high)!;
    expect(h).toMatchObject({
      repository: { id: web, fullName: "acme/web-frontend" }, state: "needs_human", risk: { score: 7, level: "high" },
      needsHumanReview: true, flagReason: "the risk score 7 is at or above the threshold 7", campaignId: "camp-1", labels: ["agent-generated"],
    });
    expect(rows.find((r) => r.id === medium)!.risk).toEqual({ score: 3.5, level: "medium" });
  });

  it("pages newest first by keyset, without gaps or repeats across rows created at the same instant", async () => {
    const repo = (await db.repository.create({ data: { tenantId: tenant.id, owner: "acme", name: "paging" } })).id;
    const made: string[] = [];
    // Three share one createdAt: the id breaks the tie.
    for (const m of [0, 1, 1, 1, 2, 3, 4]) made.push((await insertChangeset(tenant, { repositoryId: repo, createdAt: at(m) })).changeset.id);
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const r = await list({ repositoryId: repo, limit: 2, ...(after ? { after } : {}) });
      expect(r.changesets.length).toBeLessThanOrEqual(2);
      seen.push(...r.changesets.map((c) => c.id));
      if (!r.nextAfter) break;
      after = r.nextAfter;
    }
    expect(seen).toHaveLength(made.length);
    expect(new Set(seen)).toEqual(new Set(made));
    const created = await db.changeset.findMany({ where: { id: { in: seen } }, select: { id: true, createdAt: true } });
    const time = new Map(created.map((c) => [c.id, c.createdAt.getTime()]));
    expect(seen.map((id) => time.get(id))).toEqual([...seen.map((id) => time.get(id)!)].sort((a, b) => b - a));
  });

  it("starts nowhere from another tenant's cursor and never lists another tenant's changesets", async () => {
    const foreign = await insertChangeset(other, { repositoryId: otherRepo });
    expect(await list({ after: foreign.changeset.id })).toEqual({ changesets: [], nextAfter: null });
    expect(await ids({})).not.toContain(foreign.changeset.id);
    expect(await ids({ repositoryId: otherRepo })).toEqual([]);
    expect((await list({ limit: 100 }, outsider, other)).changesets.every((c) => c.repository.id === otherRepo)).toBe(true);
  });
});

describe("one changeset", () => {
  it("shows its timeline, risk parts, exact timings and the provenance of the run that published it", async () => {
    const parts = [
      { fact: "repository tier", points: 2.5, why: "the repository is high risk" },
      { fact: "change class", points: 1.5, why: "a config migration" },
      { fact: "verifiers", points: 0, why: "the verifier profile passed" },
    ];
    const opened = at(0);
    const { changeset, run } = await insertChangeset(tenant, {
      repositoryId: web, state: "merged", riskScore: 4, riskParts: { score: 4, level: "medium", threshold: 7, parts: [...parts, { not: "a part" }] },
      reviewState: "approved", checksState: "passing",
      set: {
        prNumber: 42, prUrl: "https://github.test/acme/web-frontend/pull/42", baseSha: "a".repeat(40), headSha: "b".repeat(40), patchSha256: "c".repeat(64),
        openedAt: opened, firstReviewAt: new Date(opened.getTime() + 3_723_456), mergedAt: new Date(opened.getTime() + 86_400_001), reviewers: ["octocat"],
      },
      run: { baseSha: "a".repeat(40), effectivePolicyHash: "e".repeat(64), verifierReport: { profile: "node-test", passed: true, results: [] } },
      events: [
        { kind: "transition", fromState: "unpublished", toState: "publishing", message: "publishing", at: at(-1) },
        { kind: "publish", message: "pushed and opened", at: opened, data: { provenance: { sandboxProfile: "no_network" } } },
        { kind: "transition", fromState: "publishing", toState: "open", message: "PR #42 opened", at: opened },
        { kind: "review", message: "approved by octocat", at: new Date(opened.getTime() + 3_723_456) },
        { kind: "transition", fromState: "open", toState: "merged", message: "merged by octocat", at: new Date(opened.getTime() + 86_400_001) },
      ],
    });
    // The models it used, first use first; a sandbox command's cost is no model.
    const cost = { tenantId: tenant.id, runId: run.id, kind: "model", priceId: "price_platform_model_default", defaulted: true, inputTokens: 1, outputTokens: 1, latencyMs: 1, costMicros: 18n };
    await db.costEntry.createMany({ data: [
      { ...cost, subject: "gpt-big", at: at(-5) },
      { ...cost, kind: "sandbox", subject: "sandbox_second", priceId: "price_platform_resource_sandbox", defaulted: false, at: at(-4.5) },
      { ...cost, subject: "gpt-small", at: at(-4) },
      { ...cost, subject: "gpt-big", at: at(-3) },
    ] });

    const d = await getChangeset(await reader(), changeset.id);
    expect(ZChangesetDetail.parse(d)).toEqual(d);
    expect(d.changeset).toMatchObject({
      id: changeset.id, state: "merged", prNumber: 42, reviewers: ["octocat"], baseSha: "a".repeat(40), headSha: "b".repeat(40),
      risk: { score: 4, level: "medium", threshold: 7, parts },
      timeToFirstReviewMs: 3_723_456, timeToMergeMs: 86_400_001,
      ageFrom: opened.toISOString(), ageUntil: new Date(opened.getTime() + 86_400_001).toISOString(),
    });
    expect(d.events.map((e) => [e.seq, e.kind, e.toState])).toEqual([[1, "transition", "publishing"], [2, "publish", null], [3, "transition", "open"], [4, "review", null], [5, "transition", "merged"]]);
    expect(d.eventCount).toBe(5);
    expect(d.provenance).toEqual({
      runId: run.id, taskId: changeset.taskId, attempt: 1, campaignId: null, agentKind: "recipe", models: ["gpt-big", "gpt-small"],
      sandboxProfile: "no_network", baseSha: "a".repeat(40), headSha: "b".repeat(40), effectivePolicyHash: "e".repeat(64),
      verifierProfile: "node-test", patchSha256: "c".repeat(64),
    });
    expect(d.run).toEqual({ id: run.id, state: "succeeded", attempt: 1 });
  });

  it("shows what is not known yet as null, never a broken figure", async () => {
    const { changeset } = await insertChangeset(tenant, { repositoryId: web, state: "publishing", riskParts: "not parts" as never });
    const d = await getChangeset(await reader(), changeset.id);
    expect(d.changeset).toMatchObject({ prNumber: null, openedAt: null, timeToFirstReviewMs: null, timeToMergeMs: null, ageUntil: null, risk: { parts: [], threshold: 7 } });
    expect(d.changeset.ageFrom).toBe(changeset.createdAt.toISOString());
    expect(d.provenance).toMatchObject({ sandboxProfile: null, verifierProfile: null, patchSha256: null, models: [] });
    expect(d.events).toEqual([]);
  });

  it("is not found in another tenant, exactly like a missing one", async () => {
    const foreign = await insertChangeset(other, { repositoryId: otherRepo });
    await expect(getChangeset(await reader(), foreign.changeset.id)).rejects.toMatchObject({ code: "not_found", message: "changeset not found" });
    await expect(getChangeset(await reader(), "no-such-changeset")).rejects.toMatchObject({ code: "not_found", message: "changeset not found" });
  });
});

describe("the changeset of a run", () => {
  it("is the run's own, its task's for an earlier attempt, and null for a run that published nothing", async () => {
    const { changeset, run } = await insertChangeset(tenant, { repositoryId: web, state: "open" });
    const { run: later } = await republish(tenant, changeset.id);
    expect((await getRunChangeset(await reader(), later.id)).changeset?.changeset.id).toBe(changeset.id);
    const earlier = (await getRunChangeset(await reader(), run.id)).changeset!;
    expect(earlier.changeset.id).toBe(changeset.id);
    // The provenance is the publishing run's: the later attempt.
    expect(earlier.provenance).toMatchObject({ runId: later.id, attempt: 2 });

    const lone = await db.task.create({ data: { tenantId: tenant.id, repositoryId: web, taskClass: "docs_update", agentKind: "recipe", instruction: "x", autonomy: "dry_run_patch", requesterLabel: "t" } });
    const quiet = await db.run.create({ data: { tenantId: tenant.id, taskId: lone.id, repositoryId: web, taskClass: "docs_update", requesterLabel: "t" } });
    expect(await getRunChangeset(await reader(), quiet.id)).toEqual({ changeset: null });
  });

  it("is not found for another tenant's run", async () => {
    const foreign = await insertChangeset(other, { repositoryId: otherRepo });
    await expect(getRunChangeset(await reader(), foreign.run.id)).rejects.toMatchObject({ code: "not_found", message: "run not found" });
  });
});

describe("the API", () => {
  it("serves the list, one changeset and a run's with changeset.read, and answers 404 for another tenant's", async () => {
    const token = await tokenOf(viewer, tenant, ["viewer"]);
    const mine = await insertChangeset(tenant, { repositoryId: docs, state: "draft", riskScore: 8, taskClass: "refactor" });
    const foreign = await insertChangeset(other, { repositoryId: otherRepo });

    const listed = await callRoute(listChangesetsHandler, { token, tenant, path: "/changesets", method: "GET", query: { riskLevel: "high", taskClass: "refactor" } });
    expect(listed.status).toBe(200);
    expect((listed.body.changesets as { id: string }[]).map((c) => c.id)).toEqual([mine.changeset.id]);
    expect(await auditOfRequest(listed.requestId)).toEqual([]);

    const bad = await callRoute(listChangesetsHandler, { token, tenant, path: "/changesets", method: "GET", query: { riskLevel: "extreme" } });
    expect(bad.status).toBe(422);
    expect(bad.body.error?.details?.issues).toEqual([expect.objectContaining({ path: "query.riskLevel" })]);

    const one = await callRoute(getChangesetHandler, { token, tenant, path: `/changesets/${mine.changeset.id}`, method: "GET", params: { changesetId: mine.changeset.id } });
    expect(one.status).toBe(200);
    expect((one.body.changeset as { risk: { level: string } }).risk.level).toBe("high");

    const theirs = await callRoute(getChangesetHandler, { token, tenant, path: `/changesets/${foreign.changeset.id}`, method: "GET", params: { changesetId: foreign.changeset.id } });
    const missing = await callRoute(getChangesetHandler, { token, tenant, path: "/changesets/nope", method: "GET", params: { changesetId: "nope" } });
    expect(theirs.status).toBe(404);
    expect(theirs.body.error).toEqual(missing.body.error);

    const ofRun = await callRoute(runChangesetHandler, { token, tenant, path: `/runs/${mine.run.id}/changeset`, method: "GET", params: { runId: mine.run.id } });
    expect(ofRun.status).toBe(200);
    expect((ofRun.body.changeset as { changeset: { id: string } }).changeset.id).toBe(mine.changeset.id);
    const ofForeignRun = await callRoute(runChangesetHandler, { token, tenant, path: `/runs/${foreign.run.id}/changeset`, method: "GET", params: { runId: foreign.run.id } });
    expect(ofForeignRun.status).toBe(404);

    // The other tenant's admin does not reach this tenant at all.
    const outsiderToken = await tokenOf(outsider, other, ["tenant_admin"]);
    const across = await callRoute(listChangesetsHandler, { token: outsiderToken, tenant, path: "/changesets", method: "GET" });
    expect(across.status).toBe(404);
  });
});
