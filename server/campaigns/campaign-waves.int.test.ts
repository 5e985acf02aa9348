// Campaign waves against the real database, policy and queues: a wave is promoted once every target
// in it has a final outcome and its PR opened or ended (not before), the next wave's runs admitted as
// the canary's were; the last wave completes the campaign; a soak after the last merge delays a
// promotion; a promotion may wait for a campaign_promotion approval; the promote route answers 409
// with the state and writes nothing when it cannot promote; the waves route shows the timeline.
import { Queue } from "bullmq";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as promoteRoute } from "@/app/api/v1/tenants/[tenant]/campaigns/[campaignId]/promote/route";
import { GET as wavesRoute } from "@/app/api/v1/tenants/[tenant]/campaigns/[campaignId]/waves/route";
import { voteOnApproval } from "../approvals/vote-on-approval";
import { db } from "../db/client";
import { env } from "../env";
import { createRedis } from "../jobs/redis";
import { auditOfRequest, callRoute, tokenOf } from "../test/call-route";
import { campaignFleet, fleetSpec, type Fleet } from "../test/campaign-fleet";
import { ownApprovalQueues, runAs, type TestPerson } from "../test/run-as";
import { changesetOf, endRun, finishWave, waveRuns } from "../test/wave-outcomes";
import { applyOutcome } from "../wiring/approval-consumers";
import { checkCampaignWaves } from "./check-campaign-waves";
import { createCampaign } from "./create-campaign";
import { launchCampaign } from "./launch-campaign";
import { resumeCampaign } from "./resume-campaign";
import { CAMPAIGNS_QUEUE, enqueueWaveCheck } from "./wave-jobs";
import { CHECKS_GRACE_MINUTES } from "./wave-progress";

const prefix = ownApprovalQueues("campaign-waves");

let f: Fleet;
const as = <T>(who: TestPerson, fn: Parameters<typeof runAs<T>>[3]) => runAs(who.id, f.tenant, "waves", fn);
const launched = async (o: Record<string, unknown> = {}) => {
  const id = (await as(f.owner, (ctx) => createCampaign(ctx, { spec: fleetSpec(o) as never }))).campaign.id;
  await as(f.owner, (ctx) => launchCampaign(ctx, id, {}));
  return id;
};
const campaign = (id: string) => db.campaign.findUniqueOrThrow({ where: { id }, include: { waves: { orderBy: { index: "asc" } } } });
const waveStates = async (id: string) => (await campaign(id)).waves.map((w) => w.state);
const evaluations = (id: string) => db.campaignGateEvaluation.findMany({ where: { campaignId: id }, orderBy: [{ evaluatedAt: "asc" }, { id: "asc" }] });

beforeAll(async () => {
  f = await campaignFleet("campaign-waves");
});

describe("promotion", () => {
  it("waits for every canary target's final outcome and PR, promotes the next wave, and completes after the last", async () => {
    const id = await launched();
    expect(await checkCampaignWaves(id)).toBe("unfinished: the canary wave is not finished: 0 of 2 targets have a final outcome");
    const [first, second] = await waveRuns(id, 0);
    await endRun(first!, "succeeded");
    await changesetOf(first!, "open");
    // Succeeded, but its PR is not opened yet: no changeset, then held under a cap, then publishing.
    await endRun(second!, "succeeded");
    expect(await checkCampaignWaves(id)).toMatch(/^unfinished: .*1 of 2 targets/);
    for (const state of ["held", "publishing", "awaiting_approval"] as const) {
      await changesetOf(second!, state);
      expect(await checkCampaignWaves(id)).toMatch(/^unfinished: .*1 of 2 targets/);
    }
    await changesetOf(second!, "draft");
    expect(await waveRuns(id, 1)).toEqual([]);

    expect(await checkCampaignWaves(id)).toMatch(/^promoted: wave 1 of 2 is running: 3 runs admitted; the canary wave finished and the gates passed$/);
    expect(await waveStates(id)).toEqual(["done", "running", "pending"]);
    const wave1 = await waveRuns(id, 1);
    expect(wave1.map((r) => [r.state, r.requesterLabel])).toEqual(Array(3).fill(["queued", f.owner.email]));
    const [evaluation] = await evaluations(id);
    expect(evaluation).toMatchObject({ waveIndex: 0, trigger: "wave_finished", outcome: "passed", actorLabel: "campaign waves" });
    const promote = await db.auditEvent.findFirstOrThrow({ where: { tenantId: f.tenant.id, resourceId: id, action: "campaign.promote" } });
    expect(promote).toMatchObject({ actorType: "system", actorLabel: "campaign waves", before: { wave: 0 }, after: { wave: 1, runs: 3, refused: 0, evaluation: evaluation!.id } });
    // Each new run's admission is audited as the launcher's, as the canary's was.
    expect(await db.auditEvent.count({ where: { tenantId: f.tenant.id, action: "task.create", resourceId: { in: wave1.map((r) => r.id) }, actorLabel: f.owner.email } })).toBe(3);
    // Asked again with nothing new: the new wave is not finished, nothing is written.
    expect(await checkCampaignWaves(id)).toMatch(/^unfinished: wave 1 is not finished: 0 of 3/);

    // Failed runs and merged or closed PRs are final outcomes too (no gate thresholds here).
    await endRun(wave1[0]!, "agent_error");
    await endRun(wave1[1]!, "succeeded");
    await changesetOf(wave1[1]!, "merged");
    await endRun(wave1[2]!, "succeeded");
    await changesetOf(wave1[2]!, "closed");
    expect(await checkCampaignWaves(id)).toMatch(/^promoted: wave 2 of 2 is running: 4 runs admitted/);
    await finishWave(id, 2, "merged");
    expect(await checkCampaignWaves(id)).toBe("completed: every wave has finished (3)");
    const done = await campaign(id);
    expect(done).toMatchObject({ state: "completed", endedAt: expect.any(Date), stateReason: "every wave has finished (3)" });
    expect(done.waves.map((w) => [w.state, !!w.finishedAt])).toEqual(Array(3).fill(["done", true]));
    expect((await evaluations(id)).map((e) => [e.waveIndex, e.outcome, e.result.split(":")[0]])).toEqual([[0, "passed", "wave 1 of 2 is running"], [1, "passed", "wave 2 of 2 is running"], [2, "passed", "the campaign completed"]]);
    expect(await checkCampaignWaves(id)).toBe("not_running: the campaign is completed: only a running campaign's next wave can be promoted");

    const token = await tokenOf(f.viewer, f.tenant, ["viewer"]);
    const view = await callRoute(wavesRoute, { token, tenant: f.tenant, path: `/campaigns/${id}/waves`, params: { campaignId: id }, method: "GET" });
    expect(view.status).toBe(200);
    expect((view.body.waves as { index: number; targets: number; finished: number; succeeded: number; failed: number; merged: number; closed: number; state: string }[]).map((w) => [w.index, w.state, w.targets, w.finished, w.succeeded, w.failed, w.merged, w.closed]))
      .toEqual([[0, "done", 2, 2, 2, 0, 0, 0], [1, "done", 3, 3, 2, 1, 1, 1], [2, "done", 4, 4, 4, 0, 4, 0]]);
    expect((view.body.gates as { gate: string; numerator: number; denominator: number }[]).find((g) => g.gate === "runFailureRate")).toMatchObject({ numerator: 1, denominator: 9, threshold: null, broken: false, runs: [wave1[0]!.id] });
    expect(view.body.evaluations).toHaveLength(3);
  });

  it("waits for an open PR's checks: pending ones, or none reported in the grace after it opened; completed checks finish the wave", async () => {
    const id = await launched({ waves: { canary: 1, sizes: ["100%"] } });
    const [run] = await waveRuns(id, 0);
    await endRun(run!, "succeeded");
    const unfinished = "unfinished: the canary wave is not finished: 0 of 1 targets have a final outcome";
    await changesetOf(run!, "draft", { openedAt: new Date(), checksState: "none" });
    expect(await checkCampaignWaves(id)).toBe(unfinished);
    await changesetOf(run!, "draft", { checksState: "pending" });
    expect(await checkCampaignWaves(id)).toBe(unfinished);
    // No check reported long after the PR opened: a repository without CI.
    await changesetOf(run!, "draft", { checksState: "none", openedAt: new Date(Date.now() - (CHECKS_GRACE_MINUTES + 1) * 60_000) });
    expect(await checkCampaignWaves(id)).toMatch(/^promoted: wave 1 of 1 is running/);
    const other = await launched({ waves: { canary: 1, sizes: ["100%"] } });
    const [canary] = await waveRuns(other, 0);
    await endRun(canary!, "succeeded");
    await changesetOf(canary!, "open", { openedAt: new Date(), checksState: "passing" });
    expect(await checkCampaignWaves(other)).toMatch(/^promoted: wave 1 of 1 is running/);
  });

  it("a wave whose every admission is refused is finished at once, and counts no run", async () => {
    const id = await launched({ targets: { teams: ["payments"] }, waves: { canary: 1, sizes: ["100%"] } });
    await finishWave(id, 0, "merged");
    // The remaining payments targets are refused at promotion by repository switches.
    const rest = await db.campaignTarget.findMany({ where: { campaignId: id, waveIndex: 1 } });
    expect(rest).toHaveLength(2);
    await db.killSwitch.createMany({ data: rest.map((t) => ({ tenantId: f.tenant.id, level: "repository", target: t.repositoryId, effects: ["new_runs"], reason: "frozen", setByLabel: "test" })) });
    expect(await checkCampaignWaves(id)).toMatch(/^promoted: wave 1 of 1 is running: 0 runs admitted, 2 refused/);
    await db.killSwitch.updateMany({ where: { tenantId: f.tenant.id, level: "repository" }, data: { releasedAt: new Date(), releasedByLabel: "test", releaseReason: "done" } });
    expect(await checkCampaignWaves(id)).toBe("completed: every wave has finished (2)");
  });
});

describe("the soak", () => {
  it("delays the promotion until the soak after the last merge is over, recorded once and checked again when it ends", async () => {
    const id = await launched({ gates: { soakMinutes: 60 } });
    const runs = await finishWave(id, 0, "merged");
    const merged = new Date(Date.now() - 10 * 60_000);
    await db.changeset.updateMany({ where: { campaignId: id }, data: { mergedAt: merged } });
    const until = new Date(merged.getTime() + 60 * 60_000).toISOString();
    expect(await checkCampaignWaves(id)).toBe(`soaking: the soak is not over: wave 1 is promoted no sooner than ${until} (60 minutes after the last merge at ${merged.toISOString()})`);
    expect(await checkCampaignWaves(id)).toMatch(/^soaking: /);
    expect((await evaluations(id)).map((e) => [e.outcome, e.soakUntil?.toISOString()])).toEqual([["soaking", until]]);
    expect(await waveRuns(id, 1)).toEqual([]);
    const q = new Queue(CAMPAIGNS_QUEUE, { connection: createRedis(), prefix: env().QUEUE_PREFIX });
    const job = await q.getJob(`waves-soak-${id}-${new Date(until).getTime()}`);
    expect([job?.data, await job?.getState()]).toEqual([{ campaignId: id }, "delayed"]);
    await q.close();

    // A person cannot promote over the soak: 409 saying so, nothing written.
    const token = await tokenOf(f.owner, f.tenant, ["campaign_owner"]);
    const refused = await callRoute(promoteRoute, { token, tenant: f.tenant, path: `/campaigns/${id}/promote`, params: { campaignId: id }, body: {} });
    expect([refused.status, refused.body.error?.message]).toEqual([409, `the soak is not over: wave 1 is promoted no sooner than ${until} (60 minutes after the last merge at ${merged.toISOString()})`]);
    expect(await auditOfRequest(refused.requestId)).toEqual([]);
    expect(await evaluations(id)).toHaveLength(1);

    await db.changeset.update({ where: { taskId: runs[0]!.taskId }, data: { mergedAt: new Date(Date.now() - 61 * 60_000) } });
    await db.changeset.update({ where: { taskId: runs[1]!.taskId }, data: { mergedAt: new Date(Date.now() - 62 * 60_000) } });
    expect(await checkCampaignWaves(id)).toMatch(/^promoted: wave 1 of 2 is running: 3 runs admitted/);
  });
});

describe("promotion approval", () => {
  const vote = (who: TestPerson, approvalId: string, v: "approve" | "deny", reason: string) => as(who, (ctx) => voteOnApproval(ctx, approvalId, { vote: v, reason }));

  it("raises one campaign_promotion request as the launcher, and promotes once it is approved", async () => {
    const id = await launched({ gates: { promotionApproval: true } });
    await finishWave(id, 0);
    expect(await checkCampaignWaves(id)).toMatch(/^awaiting_approval: the canary wave finished and the gates passed; promoting wave 1 waits for approval \(request .+\)$/);
    const { promotionApprovalId } = await campaign(id);
    const request = await db.approvalRequest.findUniqueOrThrow({ where: { id: promotionApprovalId! } });
    expect(request).toMatchObject({ kind: "campaign_promotion", subjectType: "campaign", subjectId: id, action: "promote", state: "pending", requesterLabel: f.owner.email });
    expect(request.proposal).toMatchObject({ finishedWave: 0, nextWave: 1, nextWaveSize: 3 });
    expect(await checkCampaignWaves(id)).toBe(`awaiting_approval: the promotion after the canary wave waits for approval (request ${request.id})`);
    expect(await db.approvalRequest.count({ where: { subjectId: id, action: "promote" } })).toBe(1);
    expect(await waveRuns(id, 1)).toEqual([]);

    await expect(vote(f.owner, request.id, "approve", "mine")).rejects.toMatchObject({ code: "forbidden" });
    await vote(f.approver, request.id, "approve", "canary PRs look right");
    expect((await applyOutcome(request.id)).result).toMatch(new RegExp(`^promoted: wave 1 of 2 is running: 3 runs admitted; the canary wave finished and the gates passed \\(promotion approved, request ${request.id}\\)$`));
    expect(await campaign(id)).toMatchObject({ state: "running", promotionApprovalId: null });
    expect((await waveRuns(id, 1)).map((r) => r.requesterLabel)).toEqual(Array(3).fill(f.owner.email));
    expect((await evaluations(id)).map((e) => [e.trigger, e.outcome])).toEqual([["wave_finished", "passed"], ["approval", "passed"]]);
  });

  it("pauses the campaign when the promotion is denied; resuming asks again", async () => {
    const id = await launched({ gates: { promotionApproval: true } });
    await finishWave(id, 0);
    await checkCampaignWaves(id);
    const first = (await campaign(id)).promotionApprovalId!;
    await vote(f.approver, first, "deny", "wait for the release");
    expect((await applyOutcome(first)).result).toMatch(/^the campaign is paused: the promotion was denied: .*wait for the release \(request .+\); resume to ask again$/);
    expect(await campaign(id)).toMatchObject({ state: "paused", promotionApprovalId: null });
    expect(await waveStates(id)).toEqual(["paused", "pending", "pending"]);
    await as(f.owner, (ctx) => resumeCampaign(ctx, id, { note: "release is out" }));
    expect(await checkCampaignWaves(id)).toMatch(/^awaiting_approval: /);
    expect((await campaign(id)).promotionApprovalId).not.toBe(first);
  });
});

describe("the promote route", () => {
  it("answers 409 with the state, or the wave not finished, and writes nothing; promotes a finished wave as the person", async () => {
    const token = await tokenOf(f.owner, f.tenant, ["campaign_owner"]);
    const draft = (await as(f.owner, (ctx) => createCampaign(ctx, { spec: fleetSpec() as never }))).campaign.id;
    const call = (id: string) => callRoute(promoteRoute, { token, tenant: f.tenant, path: `/campaigns/${id}/promote`, params: { campaignId: id }, body: { note: "canary checked by hand" } });
    const refused = await call(draft);
    expect([refused.status, refused.body.error?.message, refused.body.error?.details]).toEqual([409, "the campaign is draft: only a running campaign's next wave can be promoted", { state: "draft" }]);
    expect(await auditOfRequest(refused.requestId)).toEqual([]);

    const id = await launched();
    const early = await call(id);
    expect([early.status, early.body.error?.message]).toEqual([409, "the canary wave is not finished: 0 of 2 targets have a final outcome"]);
    expect(await auditOfRequest(early.requestId)).toEqual([]);
    await finishWave(id, 0);
    const ok = await call(id);
    expect(ok.status).toBe(200);
    const label = (await db.auditEvent.findFirstOrThrow({ where: { requestId: ok.requestId, action: "campaign.promote" } })).actorLabel;
    expect(label).toMatch(/^token:test-/);
    expect(ok.body.promotion).toEqual({
      outcome: "promoted", message: `wave 1 of 2 is running: 3 runs admitted; the canary wave finished and the gates passed; promoted by ${label}: canary checked by hand`,
      // The wave's cost against the budgets (none here: campaign-budgets.int.test.ts covers them).
      cost: expect.objectContaining({ wave: 1, runs: 3, budgets: [], refused: false, sentence: "no tenant, team or campaign budget covers the wave's 3 runs" }),
    });
    expect((await auditOfRequest(ok.requestId)).map(([a]) => a)).toEqual(["task.create", "task.create", "task.create", "campaign.promote"]);
    expect((await evaluations(id))[0]).toMatchObject({ trigger: "promote", actorLabel: label });
  });
});

describe("the check's job", () => {
  it("is deduplicated per campaign while one waits", async () => {
    const id = `dedupe${Date.now()}`;
    await enqueueWaveCheck(id);
    await enqueueWaveCheck(id);
    const q = new Queue(CAMPAIGNS_QUEUE, { connection: createRedis(), prefix });
    expect((await q.getWaiting()).filter((j) => j.data.campaignId === id)).toHaveLength(1);
    await q.close();
  });
});
