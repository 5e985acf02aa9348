// Launching campaigns against the real database and policy: one task per eligible target and runs
// for the canary wave only (a refused admission is recorded on its target); a launch the policy
// wants approved waits, starts once approved and returns to draft when denied; pause, resume and
// abort move only from the states they apply to (409 otherwise); a paused campaign's queued runs
// wait; and a campaign kill switch must name a campaign of the tenant.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as pauseRoute } from "@/app/api/v1/tenants/[tenant]/campaigns/[campaignId]/pause/route";
import { POST as setSwitchRoute } from "@/app/api/v1/tenants/[tenant]/kill-switches/route";
import { voteOnApproval } from "../approvals/vote-on-approval";
import { db } from "../db/client";
import { ZSetKillSwitch } from "../kill-switches/kill-switch-input";
import { setKillSwitch } from "../kill-switches/set-kill-switch";
import { executeRun } from "../runs/execute-run";
import { retryRun } from "../runs/retry-run";
import { auditOfRequest, callRoute, tokenOf } from "../test/call-route";
import { campaignFleet, fleetSpec, type Fleet } from "../test/campaign-fleet";
import { readContext } from "../core/read-context";
import { addPerson, ownApprovalQueues, runAs, scopeAs, type TestPerson } from "../test/run-as";
import { applyOutcome } from "../wiring/approval-consumers";
import { abortCampaign } from "./abort-campaign";
import { createCampaign } from "./create-campaign";
import { launchCampaign } from "./launch-campaign";
import { listCampaignTargets } from "./list-campaign-targets";
import { pauseCampaign } from "./pause-campaign";
import { resumeCampaign } from "./resume-campaign";
import { updateCampaign } from "./update-campaign";

ownApprovalQueues("campaign-launch");

let f: Fleet;
const as = <T>(who: TestPerson, fn: Parameters<typeof runAs<T>>[3]) => runAs(who.id, f.tenant, "campaign", fn);
const draft = async (o: Record<string, unknown> = {}) => (await as(f.owner, (ctx) => createCampaign(ctx, { spec: fleetSpec(o) as never }))).campaign.id;
const launch = (id: string) => as(f.owner, (ctx) => launchCampaign(ctx, id, {}));
const campaign = (id: string) => db.campaign.findUniqueOrThrow({ where: { id }, include: { waves: { orderBy: { index: "asc" } }, targets: { include: { repository: { select: { name: true } } } } } });
const vote = (who: TestPerson, id: string, v: "approve" | "deny", reason: string) => as(who, (ctx) => voteOnApproval(ctx, id, { vote: v, reason }));

beforeAll(async () => {
  f = await campaignFleet("campaign-launch");
});

describe("launch", () => {
  it("creates one task per eligible target and runs for the canary wave only, recording a refused admission on its target", async () => {
    const id = await draft();
    // A repository switch on one canary: its run is refused, the campaign goes on.
    await as(f.admin, (ctx) => setKillSwitch(ctx, ZSetKillSwitch.parse({ level: "repository", target: f.repo["web-app"], effects: ["new_runs"], reason: "web-app is being migrated" })));
    const { started, campaign: view } = await launch(id);
    expect(started).toEqual({ tasks: 9, canaryRuns: 1, refused: 1, awaitingApproval: 0 });
    expect(view.state).toBe("running");
    const c = await campaign(id);
    expect(c.waves.map((w) => [w.index, w.plannedSize, w.state])).toEqual([[0, 2, "running"], [1, 3, "pending"], [2, 4, "pending"]]);
    const tasks = await db.task.findMany({ where: { tenantId: f.tenant.id, campaignId: id } });
    expect(tasks).toHaveLength(9);
    expect(new Set(c.targets.filter((t) => t.eligible).map((t) => t.taskId))).toEqual(new Set(tasks.map((t) => t.id)));
    expect(c.targets.filter((t) => !t.eligible).every((t) => t.taskId === null)).toBe(true);
    const runs = await db.run.findMany({ where: { tenantId: f.tenant.id, campaignId: id } });
    expect(runs.map((r) => [r.repositoryId, r.state])).toEqual([[f.repo["pay-api"], "queued"]]);
    const refused = c.targets.find((t) => t.repository.name === "web-app")!;
    expect(refused.admissionError).toMatch(/^no new runs: kill switch \(repository .+\) set by .+: web-app is being migrated$/);
    const canaries = await listCampaignTargets(readContext(await scopeAs(f.owner.id, f.tenant)), id, { wave: 0, page: 1, limit: 10 });
    expect(canaries.targets.find((t) => t.fullName === "acme/pay-api")!.run).toEqual({ id: runs[0]!.id, state: "queued" });
    // campaign.create was decided for every target at launch, and kept.
    expect(await db.decisionRecord.count({ where: { tenantId: f.tenant.id, action: "campaign.create" } })).toBeGreaterThanOrEqual(11);
    const audit = await db.auditEvent.findMany({ where: { tenantId: f.tenant.id, OR: [{ resourceId: id }, { resourceId: runs[0]!.id }] }, orderBy: { seq: "asc" }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(["campaign.create", "campaign.launch", "task.create"]);
    await expect(launch(id)).rejects.toMatchObject({ code: "conflict", message: "the campaign is running: only a draft can be launched" });
    await expect(as(f.owner, (ctx) => updateCampaign(ctx, id, { spec: fleetSpec() as never }))).rejects.toMatchObject({ code: "conflict", message: "the campaign is running: only a draft can be changed" });
  });

  it("runs every attempt of a campaign task with the campaign's verifier profile, a retry's included", async () => {
    const id = await draft({ verifierProfile: "json-valid" });
    await launch(id);
    const first = await db.run.findFirstOrThrow({ where: { tenantId: f.tenant.id, campaignId: id } });
    expect(first.verifierProfile).toBe("json-valid");
    await db.run.update({ where: { id: first.id }, data: { state: "failed", failureClass: "verifier_failed", finishedAt: new Date() } });
    const operator = await addPerson(f.tenant, ["operator"], "operator");
    const retried = await as(operator, (ctx) => retryRun(ctx, first.id, {}));
    const second = await db.run.findUniqueOrThrow({ where: { id: retried.runId } });
    expect([second.attempt, second.verifierProfile]).toEqual([2, "json-valid"]);
    // The repository's own profile is another one: the campaign's stood for it.
    expect((await db.repository.findUniqueOrThrow({ where: { id: first.repositoryId } })).verifierProfile).toBe("node-test");
  });

  it("refuses a launch with no eligible target (422), leaving the draft as it was", async () => {
    const id = await draft({ autonomy: "autonomous_pr" });
    await expect(launch(id)).rejects.toMatchObject({ code: "validation_failed", details: { issues: [{ path: "spec.targets" }] } });
    expect((await campaign(id)).state).toBe("draft");
    expect(await db.task.count({ where: { campaignId: id } })).toBe(0);
  });
});

describe("a launch the policy wants approved", () => {
  const risky = () => draft({ change: { ...fleetSpec().change, taskClass: "ci_workflow_change" }, targets: { teams: ["payments"] }, waves: { canary: 1, sizes: ["100%"] } });

  it("waits in awaiting_approval, and starts once an approver and an owner approve", async () => {
    const id = await risky();
    const { campaign: waiting, started } = await launch(id);
    expect(started).toBeNull();
    expect(waiting).toMatchObject({ state: "awaiting_approval", launchApprovalId: expect.any(String) });
    const approvalId = waiting.launchApprovalId!;
    expect(await db.approvalRequest.findUniqueOrThrow({ where: { id: approvalId } })).toMatchObject({ kind: "campaign_launch", subjectType: "campaign", subjectId: id, action: "launch", state: "pending" });
    expect(await db.task.count({ where: { campaignId: id } })).toBe(0);
    await expect(vote(f.owner, approvalId, "approve", "mine")).rejects.toMatchObject({ code: "forbidden" });
    await vote(f.approver, approvalId, "approve", "checked the canary");
    await vote(f.admin, approvalId, "approve", "fine by the platform");
    expect((await applyOutcome(approvalId)).result).toBe("the campaign is running: 3 tasks, 1 canary runs admitted");
    const c = await campaign(id);
    expect(c).toMatchObject({ state: "running", launchedAt: expect.any(Date) });
    expect(await db.task.count({ where: { campaignId: id } })).toBe(3);
    // The canary's own run start is a risky class too: it waits for its own approval.
    const runs = await db.run.findMany({ where: { campaignId: id } });
    expect(runs.map((r) => [r.repositoryId, r.state, r.requesterLabel])).toEqual([[f.repo["pay-api"], "awaiting_approval", f.owner.email]]);
    expect((await applyOutcome(approvalId)).applied).toBe(false);
  });

  it("returns to draft with the reason when denied, and may be launched again", async () => {
    const id = await risky();
    const approvalId = (await launch(id)).campaign.launchApprovalId!;
    await vote(f.approver, approvalId, "deny", "not during the freeze");
    expect((await applyOutcome(approvalId)).result).toMatch(/^the campaign is a draft again: the launch was denied: denied by approver-.+: not during the freeze \(request .+\)$/);
    const c = await campaign(id);
    expect(c).toMatchObject({ state: "draft", stateReason: expect.stringContaining("not during the freeze") });
    expect(await db.task.count({ where: { campaignId: id } })).toBe(0);
    expect((await launch(id)).campaign.state).toBe("awaiting_approval");
  });
});

describe("pause, resume and abort", () => {
  it("move only from the states they apply to, and a paused campaign's queued runs wait", async () => {
    const id = await draft({ targets: { teams: ["payments"] }, waves: { canary: 1, sizes: ["100%"] } });
    const token = await tokenOf(f.owner, f.tenant, ["campaign_owner"]);
    const refused = await callRoute(pauseRoute, { token, tenant: f.tenant, path: `/campaigns/${id}/pause`, params: { campaignId: id }, body: { reason: "too early" } });
    expect([refused.status, refused.body.error?.message]).toEqual([409, "the campaign is draft: only a running campaign can be paused"]);
    expect(await auditOfRequest(refused.requestId)).toEqual([]);
    await expect(as(f.owner, (ctx) => resumeCampaign(ctx, id, {}))).rejects.toMatchObject({ code: "conflict", message: "the campaign is draft: only a paused campaign can be resumed" });

    await launch(id);
    const [run] = await db.run.findMany({ where: { campaignId: id } });
    const paused = await as(f.owner, (ctx) => pauseCampaign(ctx, id, { reason: "checking the canary" }));
    expect(paused).toMatchObject({ state: "paused", stateReason: `paused by ${f.owner.email}: checking the canary` });
    expect(paused.waves.map((w) => w.state)).toEqual(["paused", "pending"]);
    expect(await executeRun(run!.id)).toMatch(/^waiting: its campaign docs-.+ is paused$/);
    expect((await db.run.findUniqueOrThrow({ where: { id: run!.id } })).state).toBe("queued");
    await expect(as(f.owner, (ctx) => pauseCampaign(ctx, id, { reason: "again" }))).rejects.toMatchObject({ code: "conflict", message: "the campaign is paused: only a running campaign can be paused" });

    const resumed = await as(f.owner, (ctx) => resumeCampaign(ctx, id, { note: "canary looks fine" }));
    expect(resumed.state).toBe("running");
    expect(resumed.waves.map((w) => w.state)).toEqual(["running", "pending"]);

    const aborted = await as(f.owner, (ctx) => abortCampaign(ctx, id, { reason: "wrong change" }));
    expect(aborted).toMatchObject({ state: "aborted", endedAt: expect.any(String) });
    expect(aborted.waves.map((w) => w.state)).toEqual(["done", "pending"]);
    expect(await db.run.findUniqueOrThrow({ where: { id: run!.id } })).toMatchObject({ state: "cancelled", failureClass: "cancelled" });
    await expect(as(f.owner, (ctx) => abortCampaign(ctx, id, { reason: "twice" }))).rejects.toMatchObject({ code: "conflict", message: "the campaign is aborted: it has ended; there is nothing to abort" });
    await expect(launch(id)).rejects.toMatchObject({ code: "conflict", message: "the campaign is aborted: only a draft can be launched" });
    const actions = (await db.auditEvent.findMany({ where: { tenantId: f.tenant.id, resourceId: id }, orderBy: { seq: "asc" }, select: { action: true } })).map((a) => a.action);
    expect(actions).toEqual(["campaign.create", "campaign.launch", "campaign.pause", "campaign.resume", "campaign.abort"]);
  });

  it("abort withdraws a launch waiting for approval", async () => {
    const id = await draft({ change: { ...fleetSpec().change, taskClass: "ci_workflow_change" }, targets: { teams: ["web"] } , waves: { canary: 1, sizes: ["100%"] } });
    const approvalId = (await launch(id)).campaign.launchApprovalId!;
    await as(f.owner, (ctx) => abortCampaign(ctx, id, { reason: "not needed" }));
    expect(await db.approvalRequest.findUniqueOrThrow({ where: { id: approvalId } })).toMatchObject({ state: "cancelled" });
    expect((await applyOutcome(approvalId)).result).toBe("nothing to do: the campaign is aborted");
  });
});

describe("the campaign kill switch", () => {
  it("must name a campaign of the tenant (422 body.target otherwise), and stops its runs' admission", async () => {
    const token = await tokenOf(f.admin, f.tenant, ["tenant_admin"]);
    const other = await campaignFleet("campaign-ks-other");
    const theirs = (await runAs(other.owner.id, other.tenant, "c", (ctx) => createCampaign(ctx, { spec: fleetSpec() as never }))).campaign.id;
    for (const target of ["no-such-campaign", theirs]) {
      const r = await callRoute(setSwitchRoute, { token, tenant: f.tenant, path: "/kill-switches", body: { level: "campaign", target, effects: ["new_runs"], reason: "stop it" } });
      expect([r.status, r.body.error?.details?.issues]).toEqual([422, [{ path: "body.target", message: "no such campaign in this tenant" }]]);
    }
    expect(await db.killSwitch.count({ where: { tenantId: f.tenant.id, level: "campaign" } })).toBe(0);
    const id = await draft({ targets: { teams: ["payments"] }, waves: { canary: 1, sizes: ["100%"] } });
    const set = await callRoute(setSwitchRoute, { token, tenant: f.tenant, path: "/kill-switches", body: { level: "campaign", target: id, effects: ["new_runs"], reason: "hold this campaign" } });
    expect(set.status).toBe(201);
    expect(set.body.killSwitch).toMatchObject({ level: "campaign", target: id, targetLabel: expect.stringMatching(/^docs-/) });
    const { started } = await launch(id);
    expect(started).toMatchObject({ canaryRuns: 0, refused: 1 });
    expect((await campaign(id)).targets.find((t) => t.waveIndex === 0)!.admissionError).toMatch(/^no new runs: kill switch \(campaign .+\).*: hold this campaign$/);
  });
});
