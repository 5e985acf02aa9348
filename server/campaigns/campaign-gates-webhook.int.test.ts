// The campaign owner's journey against the GitHub twin and real workers: a campaign's agent PR fails
// its checks on GitHub, the delivery's commit asks for a waves check, and the check pauses the
// campaign on its CI gate; the owner fixes the build, the checks pass, the owner resumes, and the
// next wave is promoted.
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "../db/client";
import { startWebhookFixture, type WebhookFixture } from "../test/github-webhook-fixture";
import { addPerson, runAs, type TestPerson } from "../test/run-as";
import { createCampaign } from "./create-campaign";
import { launchCampaign } from "./launch-campaign";
import { resumeCampaign } from "./resume-campaign";
import { checkWavesJob } from "./wave-jobs";

let w: WebhookFixture;
let owner: TestPerson;

beforeAll(async () => {
  w = await startWebhookFixture("campaign-gates-webhook", { jobs: [checkWavesJob] });
  owner = await addPerson(w.tenant, ["campaign_owner"], "olga");
}, 60_000);
afterAll(() => w?.close());

async function until<T>(what: string, fn: () => Promise<T | null | false>): Promise<T> {
  for (const end = Date.now() + 30_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    const v = await fn();
    if (v) return v;
  }
  throw new Error(`timed out waiting for ${what}`);
}

it("a failing check on a campaign's PR pauses it on its CI gate; fixed and resumed, the next wave is promoted", async () => {
  const as = <T>(fn: Parameters<typeof runAs<T>>[3]) => runAs(owner.id, w.tenant, "journey", fn);
  const spec = {
    name: "widgets-fix", change: { taskClass: "docs_update", instruction: "Fix the widget", agent: { kind: "recipe", recipe: "apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: w }\nsteps:\n  - write: { path: W.md, content: x }\n" } },
    targets: { repositories: ["acme/widgets", "acme/gadgets"] }, autonomy: "draft_pr", waves: { canary: 1, sizes: ["100%"] }, gates: { ciFailureRate: 0 }, description: "",
  };
  await db.repository.create({ data: { tenantId: w.tenant.id, owner: "acme", name: "gadgets" } });
  const id = (await as((ctx) => createCampaign(ctx, { spec: spec as never }))).campaign.id;
  await as((ctx) => launchCampaign(ctx, id, {}));
  // The canary's run published its PR: the fixture's agent PR stands for it (its task, run and changeset become the campaign's).
  const pr = await w.agentPr({ draft: false });
  const { taskId } = await db.changeset.findUniqueOrThrow({ where: { id: pr.changesetId } });
  await db.run.updateMany({ where: { campaignId: id }, data: { state: "cancelled", finishedAt: new Date() } });
  await db.task.update({ where: { id: taskId }, data: { campaignId: id } });
  await db.run.update({ where: { id: pr.runId }, data: { campaignId: id, finishedAt: new Date() } });
  await db.changeset.update({ where: { id: pr.changesetId }, data: { campaignId: id } });
  await db.campaignTarget.updateMany({ where: { campaignId: id, waveIndex: 0 }, data: { taskId } });

  await w.human({ action: "set_check", user: "ci", number: pr.number, name: "build", conclusion: "failure" });
  await w.settle();
  const paused = await until("the gate to pause the campaign", async () => {
    const c = await db.campaign.findUniqueOrThrow({ where: { id } });
    return c.state === "paused" && c;
  });
  expect(paused.stateReason).toBe("stopped by its gates after the canary wave: ciFailureRate 100% (1 of 1) above its threshold 0%");

  await w.human({ action: "set_check", user: "ci", number: pr.number, name: "build", conclusion: "success" });
  await w.settle();
  expect((await db.changeset.findUniqueOrThrow({ where: { id: pr.changesetId } })).checksState).toBe("passing");
  const resumed = await as((ctx) => resumeCampaign(ctx, id, { note: "build fixed" }));
  expect(resumed.stateReason).toBe(`resumed by ${owner.email}: build fixed`);
  const promoted = await until("the next wave to be promoted", async () => {
    const c = await db.campaign.findUniqueOrThrow({ where: { id }, include: { waves: { orderBy: { index: "asc" } } } });
    return c.waves[1]!.state === "running" && c;
  });
  expect([promoted.state, promoted.stateReason, promoted.waves.map((w) => w.state)]).toEqual(["running", "wave 1 of 1 is running: 1 runs admitted; the canary wave finished and the gates passed", ["done", "running"]]);
}, 90_000);
