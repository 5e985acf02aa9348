// The campaign burndowns against a constructed history: targets by PR state at a point in the past
// and now (a failed run, a held changeset, PRs open, merged and closed, work not started), and by
// code from the detection history (an error keeps the last answer; never answered is unknown).
// Another tenant's campaign is 404 and a bad query 422, through the route.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as burndownRoute } from "@/app/api/v1/tenants/[tenant]/campaigns/[campaignId]/burndown/route";
import { readContext } from "../core/read-context";
import { db } from "../db/client";
import type { ChangesetState } from "../db/generated/client";
import { callRoute, tokenOf } from "../test/call-route";
import { campaignFleet, fleetSpec, type Fleet } from "../test/campaign-fleet";
import { insertChangeset } from "../test/insert-changeset";
import { runAs, scopeAs } from "../test/run-as";
import type { CampaignBurndown } from "./burndown-view";
import { createCampaign } from "./create-campaign";
import { getCampaignBurndown } from "./get-campaign-burndown";

let f: Fleet;
let other: Fleet;
let campaignId: string;
let eligible: number;
const H = 3_600_000;
const T0 = new Date(Date.now() - 10 * H);
const at = (hours: number) => new Date(T0.getTime() + hours * H);

/** A target's task with one run, and optionally its changeset moving through states at the given hours. */
async function history(targetId: string, repositoryId: string, o: { run: { state: "failed" | "running" | "succeeded"; finishedAt?: number }; states?: [ChangesetState, number][] }) {
  const states = o.states ?? [];
  const run = { queuedAt: at(1), state: o.run.state, finishedAt: o.run.finishedAt === undefined ? null : at(o.run.finishedAt) };
  const { changeset, task, run: r } = await insertChangeset(f.tenant, {
    repositoryId, campaignId, state: states.at(-1)?.[0] ?? "publishing", run,
    createdAt: states[0] ? at(states[0][1]) : new Date(),
    set: { openedAt: states.find(([s]) => s === "draft" || s === "open") ? at(states.find(([s]) => s === "draft" || s === "open")![1]) : null },
    events: states.map(([s, h], i) => ({ kind: i === 0 ? "publish" : "transition", message: s, fromState: states[i - 1]?.[0], toState: s, at: at(h) })),
  });
  if (!states.length) await db.changeset.delete({ where: { id: changeset.id } });
  await db.campaignTarget.update({ where: { id: targetId }, data: { taskId: task.id } });
  return r;
}

const detect = (targetId: string, repositoryId: string, outcome: string, hours: number | null) =>
  db.campaignDetection.create({ data: { tenantId: f.tenant.id, campaignId, targetId, repositoryId, trigger: "launch", requestedBy: "test", outcome, at: hours === null ? null : at(hours), reason: outcome === "error" ? "exit code 2 (0: still needed, 1: done)" : null } });

const pointAt = <P extends { at: string }>(points: P[], hours: number) => points.find((p) => new Date(p.at) >= at(hours))!;

beforeAll(async () => {
  f = await campaignFleet("burndown");
  other = await campaignFleet("burndown-other");
  campaignId = (await runAs(f.owner.id, f.tenant, "burndown", (ctx) => createCampaign(ctx, { spec: fleetSpec({ detection: { argv: ["grep", "-q", "old", "README.md"] } }) as never }))).campaign.id;
  await db.campaign.update({ where: { id: campaignId }, data: { state: "running", launchedAt: T0 } });
  const targets = await db.campaignTarget.findMany({ where: { campaignId, eligible: true }, orderBy: { id: "asc" } });
  eligible = targets.length;
  const [t1, t2, t3, t4, t5, t6] = targets;
  await history(t1!.id, t1!.repositoryId, { run: { state: "failed", finishedAt: 2 } });
  await history(t2!.id, t2!.repositoryId, { run: { state: "succeeded", finishedAt: 2 }, states: [["publishing", 2], ["draft", 3], ["merged", 5]] });
  await history(t3!.id, t3!.repositoryId, { run: { state: "succeeded", finishedAt: 2 }, states: [["held", 2]] });
  await history(t4!.id, t4!.repositoryId, { run: { state: "succeeded", finishedAt: 2 }, states: [["publishing", 2], ["open", 3]] });
  await history(t5!.id, t5!.repositoryId, { run: { state: "succeeded", finishedAt: 2 }, states: [["publishing", 2], ["open", 3], ["closed", 4]] });
  await history(t6!.id, t6!.repositoryId, { run: { state: "running" } });
  await detect(t1!.id, t1!.repositoryId, "needed", 0.5);
  await detect(t2!.id, t2!.repositoryId, "needed", 0.5);
  await detect(t2!.id, t2!.repositoryId, "done", 6);
  await detect(t3!.id, t3!.repositoryId, "error", 1);
  await detect(t4!.id, t4!.repositoryId, "needed", 0.5);
  await detect(t4!.id, t4!.repositoryId, "error", 7);
  await detect(t5!.id, t5!.repositoryId, "pending", null);
});

async function burndown(points = 60): Promise<CampaignBurndown> {
  return getCampaignBurndown(readContext(await scopeAs(f.viewer.id, f.tenant)), campaignId, { points });
}

describe("the burndown by PR state", () => {
  it("counts every eligible target once, in its state at each point", async () => {
    const b = await burndown();
    expect(eligible).toBeGreaterThanOrEqual(7);
    for (const p of b.byPrState) expect(Object.values({ ...p, at: 0 }).reduce((a, v) => a + v, 0)).toBe(eligible);
    expect(b.byPrState[0]).toMatchObject({ not_started: eligible, running: 0 });
    expect(pointAt(b.byPrState, 2.5)).toEqual({
      at: expect.any(String), not_started: eligible - 6, running: 4, held: 1, pr_open: 0, merged: 0, closed: 0, failed: 1,
    });
    expect(b.byPrState.at(-1)).toEqual({
      at: expect.any(String), not_started: eligible - 6, running: 1, held: 1, pr_open: 1, merged: 1, closed: 1, failed: 1,
    });
  });
});

describe("the burndown by code", () => {
  it("follows the detection history: an error keeps the last answer, a target never answered is unknown", async () => {
    const b = await burndown(30);
    expect(b.byCode.points).toHaveLength(30);
    expect(b.byCode.detection).toEqual({ argv: ["grep", "-q", "old", "README.md"], description: null, source: "campaign", timeoutSeconds: 120 });
    expect(pointAt(b.byCode.points, 3)).toEqual({ at: expect.any(String), needed: 3, done: 0, unknown: eligible - 3 });
    expect(b.byCode.points.at(-1)).toEqual({ at: expect.any(String), needed: 2, done: 1, unknown: eligible - 3 });
    expect(b.byCode).toMatchObject({ errors: 2, pending: 1, lastAt: at(7).toISOString() });
    expect(b.byCode.recentErrors.map((e) => e.reason)).toEqual(["exit code 2 (0: still needed, 1: done)", "exit code 2 (0: still needed, 1: done)"]);
  });
});

describe("the route", () => {
  it("answers another tenant's campaign 404, and a bad points 422 naming it", async () => {
    const token = await tokenOf(f.viewer, f.tenant, ["viewer"]);
    const ok = await callRoute(burndownRoute, { token, tenant: f.tenant, method: "GET", path: `/campaigns/${campaignId}/burndown`, params: { campaignId }, query: { points: "20" } });
    expect([ok.status, (ok.body.byPrState as unknown[]).length]).toEqual([200, 20]);
    const foreign = await callRoute(burndownRoute, { token: await tokenOf(other.viewer, other.tenant, ["viewer"]), tenant: other.tenant, method: "GET", path: `/campaigns/${campaignId}/burndown`, params: { campaignId } });
    expect([foreign.status, foreign.body.error?.message]).toEqual([404, "campaign not found"]);
    for (const points of ["5", "abc", "1000"]) {
      const bad = await callRoute(burndownRoute, { token, tenant: f.tenant, method: "GET", path: `/campaigns/${campaignId}/burndown`, params: { campaignId }, query: { points } });
      expect([bad.status, (bad.body.error?.details?.issues as { path: string }[])[0]?.path]).toEqual([422, "query.points"]);
    }
  });
});
