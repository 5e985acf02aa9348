// The PR-storm dashboard against a constructed tenant: teams sorted by pressure with the sentence
// that says why, open PRs per team over time, merges and closes, held work by what holds it, stale
// PRs, the budget from the campaigns under way; filters narrow every panel, another tenant's
// campaign finds nothing, and bad query parameters answer 422 naming the field.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as prStormRoute } from "@/app/api/v1/tenants/[tenant]/pr-storm/route";
import { createCampaign } from "../campaigns/create-campaign";
import { readContext } from "../core/read-context";
import { db } from "../db/client";
import { callRoute, tokenOf } from "../test/call-route";
import { campaignFleet, fleetSpec, type Fleet } from "../test/campaign-fleet";
import { insertChangeset, type ChangesetRow } from "../test/insert-changeset";
import { runAs, scopeAs } from "../test/run-as";
import { getPrStorm } from "./get-pr-storm";
import { ZPrStormFilter, type PrStorm } from "./pr-storm-view";

let f: Fleet;
let other: Fleet;
let campaignId: string;
let foreignCampaignId: string;
const H = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * H);
let pr = 0;
const REVIEW_HOLD = "held: team payments has 3 agent PRs awaiting review (cap 3)";

function cs(repo: string, state: ChangesetRow["state"], o: { opened?: number; review?: string; merged?: number; closed?: number; held?: [string, string]; idle?: number; campaign?: boolean } = {}) {
  const opened = o.opened === undefined ? null : ago(o.opened);
  return insertChangeset(f.tenant, {
    repositoryId: f.repo[repo]!, state, reviewState: o.review ?? "none", campaignId: o.campaign ? campaignId : null,
    set: {
      prNumber: opened ? ++pr : null, openedAt: opened, mergedAt: o.merged === undefined ? null : ago(o.merged),
      closedAt: o.closed !== undefined ? ago(o.closed) : o.merged !== undefined ? ago(o.merged) : null,
      holdKind: o.held?.[0] ?? null, flagReason: o.held?.[1] ?? null, heldAt: o.held ? ago(2) : null,
      lastEventAt: o.idle !== undefined ? ago(o.idle) : opened,
    },
  });
}

beforeAll(async () => {
  f = await campaignFleet("pr-storm");
  other = await campaignFleet("pr-storm-other");
  const spec = fleetSpec({ caps: { prsPerHour: { rate: 10, burst: 20 } } });
  campaignId = (await runAs(f.owner.id, f.tenant, "storm", (ctx) => createCampaign(ctx, { spec: spec as never }))).campaign.id;
  await db.campaign.update({ where: { id: campaignId }, data: { state: "running", launchedAt: ago(60) } });
  foreignCampaignId = (await runAs(other.owner.id, other.tenant, "storm", (ctx) => createCampaign(ctx, { spec: fleetSpec() as never }))).campaign.id;
  // payments: three awaiting review (the oldest 50 h), one approved, two held by its review cap, one stale draft.
  await cs("pay-api", "open", { opened: 50, review: "review_required", campaign: true });
  await cs("pay-core", "open", { opened: 30, review: "none", campaign: true });
  await cs("pay-api", "open", { opened: 5, review: "review_required" });
  await cs("pay-docs", "open", { opened: 20, review: "approved" });
  await cs("pay-core", "held", { held: ["team_review", REVIEW_HOLD] });
  await cs("pay-docs", "held", { held: ["team_review", REVIEW_HOLD] });
  await cs("pay-docs", "draft", { opened: 12 * 24, idle: 10 * 24 });
  // web: one awaiting review, one merged, one closed, one held by the tenant's budget.
  await cs("web-app", "open", { opened: 2, review: "review_required" });
  await cs("web-site", "merged", { opened: 40, merged: 20 });
  await cs("web-site", "closed", { opened: 30, closed: 10 });
  await cs("web-app", "held", { held: ["tenant_budget", "held: the tenant's budget of 10 agent PRs an hour is spent"] });
  // no team: one draft.
  await cs("orphan-lib", "draft", { opened: 3 });
  // Another tenant's PRs never show.
  await insertChangeset(other.tenant, { repositoryId: other.repo["pay-api"]!, state: "open", reviewState: "review_required", set: { prNumber: 1, openedAt: ago(100) } });
});

const storm = async (q: Record<string, string> = {}): Promise<PrStorm> => getPrStorm(readContext(await scopeAs(f.viewer.id, f.tenant)), ZPrStormFilter.parse(q));

describe("the PR-storm dashboard", () => {
  it("sorts teams by pressure and says why", async () => {
    const s = await storm();
    expect(s.teams.map((t) => [t.team?.slug ?? null, t.open, t.awaitingReview, t.held, t.stale])).toEqual([
      ["payments", 5, 3, 2, 1], ["web", 1, 1, 1, 0], [null, 1, 0, 0, 0],
    ]);
    expect(Date.now() - new Date(s.teams[0]!.oldestWaitingSince!).getTime()).toBeGreaterThanOrEqual(50 * H);
    expect(s.teams[0]!.medianWaitHours).toBeGreaterThanOrEqual(30);
    expect(s.teams[0]!.why).toBe("3 awaiting review, the oldest for 2 days; 2 held, mostly the team's cap on PRs awaiting review; 1 stale.");
    expect(s.teams[2]!.why).toBe("1 open, none waiting for review.");
    expect(s.budget).toEqual({ perHour: 10, burst: 20, source: expect.stringMatching(/^campaign docs-\w+'s caps$/) });
  });

  it("draws open PRs per team over time, merges and closes, held work and stale PRs", async () => {
    const s = await storm({ range: "7d" });
    expect(s.openByTeam.points).toHaveLength(29);
    const last = s.openByTeam.points.at(-1)!.values;
    const label = (slug: string) => s.openByTeam.series.find((x) => x.label === slug)!.key;
    expect([last[label("payments")], last[label("web")], last[label("(no team)")]]).toEqual([5, 1, 1]);
    // The point 36 hours ago: payments' 50 h PR and its 12-day draft were open; web's 40 h PR was.
    const then = s.openByTeam.points.find((p) => new Date(p.at) >= ago(38))!.values;
    expect([then[label("payments")], then[label("web")]]).toEqual([2, 1]);
    const sum = (k: "opened" | "merged" | "closed") => s.flow.reduce((a, p) => a + p[k], 0);
    expect([sum("opened"), sum("merged"), sum("closed")]).toEqual([8, 1, 1]);
    expect(s.held).toEqual({
      total: 3,
      byKind: [
        { kind: "team_review", label: "the team's cap on PRs awaiting review", count: 2, oldestSince: expect.any(String) },
        { kind: "tenant_budget", label: "the tenant's hourly PR budget", count: 1, oldestSince: expect.any(String) },
      ],
      reasons: [
        { kind: "team_review", reason: REVIEW_HOLD, count: 2 },
        { kind: "tenant_budget", reason: "held: the tenant's budget of 10 agent PRs an hour is spent", count: 1 },
      ],
    });
    expect(s.stale).toMatchObject({ total: 1, prs: [{ repository: "acme/pay-docs", team: { slug: "payments" }, state: "draft" }] });
    expect((await storm({ staleDays: "11" })).stale.total).toBe(0);
  });

  it("narrows every panel by team, repository and campaign; another tenant's campaign finds nothing", async () => {
    const web = await storm({ team: "web" });
    expect(web.teams.map((t) => t.team?.slug)).toEqual(["web"]);
    expect(web.held.total).toBe(1);
    const repo = await storm({ repository: f.repo["pay-api"]! });
    expect(repo.teams.map((t) => [t.team?.slug, t.open, t.awaitingReview])).toEqual([["payments", 2, 2]]);
    expect(repo.openByRepository.series.map((x) => x.label)).toEqual(["acme/pay-api"]);
    const campaign = await storm({ campaign: campaignId });
    expect(campaign.teams.map((t) => [t.team?.slug, t.open])).toEqual([["payments", 2]]);
    const foreign = await storm({ campaign: foreignCampaignId });
    expect([foreign.teams, foreign.held.total, foreign.stale.total, foreign.budget]).toEqual([[], 0, 0, null]);
    expect((await storm({ team: "nobody" })).teams).toEqual([]);
  });

  it("answers bad query parameters with 422 naming the field", async () => {
    const token = await tokenOf(f.viewer, f.tenant, ["viewer"]);
    const call = (query: Record<string, string>) => callRoute(prStormRoute, { token, tenant: f.tenant, method: "GET", path: "/pr-storm", query });
    const ok = await call({ range: "24h" });
    expect([ok.status, (ok.body.flow as unknown[]).length]).toEqual([200, 25]);
    for (const [query, path] of [[{ range: "1y" }, "query.range"], [{ staleDays: "0" }, "query.staleDays"], [{ team: "Not A Slug" }, "query.team"], [{ campaign: "../x" }, "query.campaign"]] as const) {
      const bad = await call(query);
      expect([bad.status, (bad.body.error?.details?.issues as { path: string }[])[0]?.path]).toEqual([422, path]);
    }
    const unknown = await call({ colour: "red" });
    expect(unknown.status).toBe(422);
  });
});
