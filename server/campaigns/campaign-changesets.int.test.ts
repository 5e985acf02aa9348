// A campaign's changeset table and targets against the real database: paged on the server, filtered
// by state, wave, team and held, newest or oldest first, held rows saying why; another tenant's
// campaign answers 404. Bulk actions and retry failed refuse before writing anything: a campaign in
// the wrong state (409 saying it), ids that are not its changesets (422 naming each), bad bodies
// (422 naming the field).
import { beforeAll, describe, expect, it } from "vitest";
import { POST as bulkRoute } from "@/app/api/v1/tenants/[tenant]/campaigns/[campaignId]/changesets/bulk/route";
import { GET as listRoute } from "@/app/api/v1/tenants/[tenant]/campaigns/[campaignId]/changesets/route";
import { POST as retryFailedRoute } from "@/app/api/v1/tenants/[tenant]/campaigns/[campaignId]/retry-failed/route";
import { GET as targetsRoute } from "@/app/api/v1/tenants/[tenant]/campaigns/[campaignId]/targets/route";
import { db } from "../db/client";
import { auditOfRequest, callRoute, tokenOf } from "../test/call-route";
import { campaignFleet, fleetSpec, type Fleet } from "../test/campaign-fleet";
import { insertChangeset, type ChangesetRow } from "../test/insert-changeset";
import { ownApprovalQueues, runAs } from "../test/run-as";
import { abortCampaign } from "./abort-campaign";
import { createCampaign } from "./create-campaign";

ownApprovalQueues("cs-table");

let f: Fleet;
let token: string;
let campaignId: string;
const ids: Record<string, string> = {};
const HELD = "held: team web has 2 agent PRs awaiting review (cap 2)";
const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
const opened = at(49);
let waveOf: Record<string, number | null> = {};

const list = (query: Record<string, string> = {}, id = campaignId) =>
  callRoute(listRoute, { token, tenant: f.tenant, path: `/campaigns/${id}/changesets`, method: "GET", params: { campaignId: id }, query });
const bulk = (body: unknown, id = campaignId) => callRoute(bulkRoute, { token, tenant: f.tenant, path: `/campaigns/${id}/changesets/bulk`, params: { campaignId: id }, body });
const names = (body: Record<string, unknown>) => (body.changesets as { repository: { fullName: string } }[]).map((c) => c.repository.fullName.slice(5));
const writes = async () => ({
  actions: await db.changesetAction.count({ where: { tenantId: f.tenant.id } }),
  runs: await db.run.count({ where: { tenantId: f.tenant.id } }),
  audit: await db.auditEvent.count({ where: { tenantId: f.tenant.id } }),
});

beforeAll(async () => {
  f = await campaignFleet("campaign-changesets");
  token = await tokenOf(f.owner, f.tenant, ["campaign_owner"]);
  // fleetSpec's plan over the fleet: a canary wave of 2, then 3, then the rest.
  campaignId = (await runAs(f.owner.id, f.tenant, "create", (ctx) => createCampaign(ctx, { spec: fleetSpec() as never }))).campaign.id;
  const targets = await db.campaignTarget.findMany({ where: { campaignId }, include: { repository: { select: { name: true } } } });
  waveOf = Object.fromEntries(targets.map((t) => [t.repository.name, t.waveIndex]));
  const rows: [string, Omit<ChangesetRow, "repositoryId">][] = [
    ["pay-api", { state: "draft", createdAt: at(50), set: { prNumber: 11, prUrl: "https://github.test/acme/pay-api/pull/11", openedAt: opened } }],
    ["pay-docs", { state: "open", checksState: "failing", reviewState: "changes_requested", createdAt: at(40), set: { prNumber: 12 } }],
    ["pay-core", { state: "merged", createdAt: at(30), set: { prNumber: 13, mergedAt: at(5) } }],
    ["web-app", { state: "held", createdAt: at(20), set: { holdKind: "team_review_queue", flagReason: HELD } }],
    ["web-site", { state: "held", createdAt: at(10), set: { holdKind: "team_review_queue", flagReason: HELD } }],
    ["orphan-lib", { state: "failed", createdAt: at(5), set: { flagReason: "the patch no longer applies" }, run: { state: "failed" } }],
  ];
  for (const [name, row] of rows) ids[name] = (await insertChangeset(f.tenant, { repositoryId: f.repo[name]!, campaignId, ...row })).changeset.id;
  // A changeset of the tenant outside the campaign, which the table never shows.
  ids.outside = (await insertChangeset(f.tenant, { repositoryId: f.repo["pay-api"]!, state: "open" })).changeset.id;
});

describe("the changeset table", () => {
  it("pages newest first by default, with the total, and oldest first on request", async () => {
    const first = await list({ limit: "4" });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(names(first.body)).toEqual(["orphan-lib", "web-site", "web-app", "pay-core"]);
    expect(first.body.total).toBe(6);
    const second = await list({ limit: "4", after: first.body.nextAfter as string });
    expect([names(second.body), second.body.nextAfter, second.body.total]).toEqual([["pay-docs", "pay-api"], null, 6]);
    const oldest = await list({ sort: "oldest", limit: "2" });
    expect(names(oldest.body)).toEqual(["pay-api", "pay-docs"]);
    expect(names((await list({ sort: "oldest", limit: "10", after: oldest.body.nextAfter as string })).body)).toEqual(["pay-core", "web-app", "web-site", "orphan-lib"]);
  });

  it("shows each row's repository, team, wave, state, held reason, PR, checks, review and age", async () => {
    const rows = (await list()).body.changesets as Record<string, unknown>[];
    expect(rows.find((r) => r.id === ids["pay-api"])).toMatchObject({
      repository: { id: f.repo["pay-api"], fullName: "acme/pay-api" }, team: { slug: "payments", name: "payments" }, wave: waveOf["pay-api"], state: "draft",
      heldReason: null, prNumber: 11, prUrl: "https://github.test/acme/pay-api/pull/11", checksState: "none", reviewState: "none",
      run: { id: expect.any(String), state: "succeeded", attempt: 1 }, ageFrom: opened.toISOString(), ageUntil: null,
    } as never);
    expect(rows.find((r) => r.id === ids["web-app"])).toMatchObject({ state: "held", holdKind: "team_review_queue", heldReason: HELD, prNumber: null });
    expect(rows.find((r) => r.id === ids["orphan-lib"])).toMatchObject({ team: null, state: "failed", heldReason: null, flagReason: "the patch no longer applies", run: { state: "failed" } });
    expect(rows.find((r) => r.id === ids["pay-core"])!.ageUntil).not.toBeNull();
    expect(rows.map((r) => r.id)).not.toContain(ids.outside);
  });

  it("filters by state, wave, team and held, together", async () => {
    expect(names((await list({ held: "true" })).body)).toEqual(["web-site", "web-app"]);
    expect((await list({ held: "false" })).body.total).toBe(4);
    expect(names((await list({ state: "open" })).body)).toEqual(["pay-docs"]);
    const newestFirst = ["orphan-lib", "web-site", "web-app", "pay-core", "pay-docs", "pay-api"];
    for (const wave of [0, 1, 2]) expect(names((await list({ wave: String(wave) })).body)).toEqual(newestFirst.filter((n) => waveOf[n] === wave));
    expect(names((await list({ team: "web", held: "true", wave: String(waveOf["web-app"]) })).body)).toEqual(["web-site", "web-app"].filter((n) => waveOf[n] === waveOf["web-app"]));
    expect(names((await list({ team: "payments", sort: "oldest" })).body)).toEqual(["pay-api", "pay-docs", "pay-core"]);
    expect((await list({ team: "ghosts" })).body).toMatchObject({ changesets: [], total: 0, nextAfter: null });
  });

  it("refuses bad filters naming the field, and answers 404 for another tenant's campaign", async () => {
    const bad = await list({ state: "sleeping", wave: "-1", sort: "random" });
    expect(bad.status).toBe(422);
    expect((bad.body.error!.details!.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(["query.sort", "query.state", "query.wave"]);
    const other = await campaignFleet("campaign-changesets-other");
    const theirs = (await runAs(other.owner.id, other.tenant, "c", (ctx) => createCampaign(ctx, { spec: fleetSpec() as never }))).campaign.id;
    const foreign = await list({}, theirs);
    const missing = await list({}, "no-such-campaign");
    expect([foreign.status, foreign.body.error]).toEqual([404, missing.body.error]);
    const targets = await callRoute(targetsRoute, { token, tenant: f.tenant, path: `/campaigns/${theirs}/targets`, method: "GET", params: { campaignId: theirs } });
    expect(targets.status).toBe(404);
  });
});

describe("the targets, paged", () => {
  it("by wave then repository, excluded ones last, filtered by wave and eligibility", async () => {
    const call = (query: Record<string, string>) => callRoute(targetsRoute, { token, tenant: f.tenant, path: `/campaigns/${campaignId}/targets`, method: "GET", params: { campaignId }, query });
    const p1 = await call({ limit: "5" });
    expect(p1.status, JSON.stringify(p1.body)).toBe(200);
    expect(p1.body).toMatchObject({ total: 11, nextPage: 2 });
    const all = [...(p1.body.targets as { waveIndex: number | null; eligible: boolean }[])];
    for (let page = 2; page; ) {
      const next = await call({ limit: "5", page: String(page) });
      all.push(...(next.body.targets as typeof all));
      page = next.body.nextPage as number;
    }
    expect(all).toHaveLength(11);
    const waves = all.map((t) => t.waveIndex ?? 99);
    expect(waves).toEqual([...waves].sort((a, b) => a - b));
    expect(all.filter((t) => !t.eligible).every((t) => t.waveIndex === null)).toBe(true);
    const canary = Object.keys(waveOf).filter((n) => waveOf[n] === 0).map((n) => `acme/${n}`).sort();
    expect(canary).toHaveLength(2);
    expect(((await call({ wave: "0" })).body.targets as { fullName: string }[]).map((t) => t.fullName)).toEqual(canary);
    expect((await call({ eligibility: "excluded" })).body.total).toBe(all.filter((t) => !t.eligible).length);
  });
});

describe("bulk actions refuse before writing anything", () => {
  it("a campaign in the wrong state answers 409 saying its state", async () => {
    const before = await writes();
    const draft = await bulk({ action: "comment", ids: [ids["pay-api"]], comment: "hello" });
    expect([draft.status, draft.body.error?.message]).toEqual([409, "the campaign is draft: it has no changesets yet"]);
    const retry = await bulk({ action: "retry", ids: [ids["orphan-lib"]] });
    expect([retry.status, retry.body.error?.message]).toEqual([409, "the campaign is draft: only a running or paused campaign's changesets can be retried"]);
    const failed = await callRoute(retryFailedRoute, { token, tenant: f.tenant, path: `/campaigns/${campaignId}/retry-failed`, params: { campaignId }, body: {} });
    expect([failed.status, failed.body.error?.message]).toEqual([409, "the campaign is draft: only a running or paused campaign's failed runs can be retried"]);
    expect(await auditOfRequest(draft.requestId)).toEqual([]);
    expect(await writes()).toEqual(before);
  });

  it("an aborted campaign's changesets are not retried or re-run (409), and ids not in the campaign answer 422 naming each", async () => {
    const id = (await runAs(f.owner.id, f.tenant, "create", (ctx) => createCampaign(ctx, { spec: fleetSpec() as never }))).campaign.id;
    await runAs(f.owner.id, f.tenant, "abort", (ctx) => abortCampaign(ctx, id, { reason: "not needed" }));
    const cs = (await insertChangeset(f.tenant, { repositoryId: f.repo["pay-api"]!, campaignId: id, state: "draft", set: { prNumber: 21 } })).changeset.id;
    const before = await writes();
    const rerun = await bulk({ action: "rerun", ids: [cs] }, id);
    expect([rerun.status, rerun.body.error?.message]).toEqual([409, "the campaign is aborted: only a running or paused campaign's changesets can be re-run"]);
    // Closing and commenting apply to an ended campaign's PRs; these ids are checked first.
    const foreign = await bulk({ action: "close", ids: [cs, ids["pay-api"], "no-such-changeset", ids.outside] }, id);
    expect(foreign.status).toBe(422);
    expect(foreign.body.error!.details!.issues).toEqual([
      { path: "body.ids.1", message: `${ids["pay-api"]} is not a changeset of this campaign` },
      { path: "body.ids.2", message: "no-such-changeset is not a changeset of this campaign" },
      { path: "body.ids.3", message: `${ids.outside} is not a changeset of this campaign` },
    ]);
    expect(await writes()).toEqual(before);
  });

  it("bad bodies answer 422 naming the field", async () => {
    const cases: [unknown, string[]][] = [
      [{ action: "comment", ids: [ids["pay-api"]] }, ["body.comment"]],
      [{ action: "retry", ids: [ids["pay-api"]], comment: "no" }, ["body.comment"]],
      [{ action: "close", ids: [] }, ["body.ids"]],
      [{ action: "close", ids: [ids["pay-api"], ids["pay-api"]] }, ["body.ids"]],
      [{ action: "close", ids: Array.from({ length: 501 }, (_, i) => `cs-${i}`) }, ["body.ids"]],
      [{ action: "merge", ids: [ids["pay-api"]] }, ["body.action"]],
      [{ action: "close", ids: [ids["pay-api"]], extra: 1 }, ["body.extra"]],
    ];
    const before = await writes();
    for (const [body, paths] of cases) {
      const r = await bulk(body);
      expect([r.status, (r.body.error?.details?.issues as { path: string }[] | undefined)?.map((i) => i.path)], JSON.stringify(body).slice(0, 80)).toEqual([422, paths]);
    }
    expect(await writes()).toEqual(before);
  });
});
