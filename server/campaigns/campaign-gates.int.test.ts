// The stop gates against the real database: each rate breaking its threshold at a wave's end pauses
// the campaign naming the gate, its value and threshold, with the runs (and changesets) behind it in
// the kept evaluation and the audit event; the owner who fixes the cause and resumes gets the next
// wave promoted; a resume with a gate still broken is allowed, says so, and promotes over it once.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import type { Run } from "../db/generated/client";
import { campaignFleet, fleetSpec, type Fleet } from "../test/campaign-fleet";
import { ownApprovalQueues, runAs, type TestPerson } from "../test/run-as";
import { changesetOf, endRun, waveRuns } from "../test/wave-outcomes";
import type { GATE_RATES } from "./campaign-spec";
import { checkCampaignWaves } from "./check-campaign-waves";
import { createCampaign } from "./create-campaign";
import type { GateResult } from "./gate-view";
import { launchCampaign } from "./launch-campaign";
import { pauseCampaign } from "./pause-campaign";
import { resumeCampaign } from "./resume-campaign";

ownApprovalQueues("campaign-gates");

let f: Fleet;
const as = <T>(who: TestPerson, fn: Parameters<typeof runAs<T>>[3]) => runAs(who.id, f.tenant, "gates", fn);
const launched = async (gates: Record<string, unknown>) => {
  const id = (await as(f.owner, (ctx) => createCampaign(ctx, { spec: fleetSpec({ gates }) as never }))).campaign.id;
  await as(f.owner, (ctx) => launchCampaign(ctx, id, {}));
  return id;
};
const campaign = (id: string) => db.campaign.findUniqueOrThrow({ where: { id }, include: { waves: { orderBy: { index: "asc" } } } });
const evaluations = (id: string) => db.campaignGateEvaluation.findMany({ where: { campaignId: id }, orderBy: [{ evaluatedAt: "asc" }, { id: "asc" }] });

beforeAll(async () => {
  f = await campaignFleet("campaign-gates");
});

type Gate = (typeof GATE_RATES)[number];
// The canary's two runs: the first breaks the gate, the second does not. Returns the changeset counted, if any.
const BREAK: Record<Gate, (bad: Run, good: Run) => Promise<string | null>> = {
  runFailureRate: async (bad, good) => { await endRun(bad, "agent_error"); await endRun(good, "succeeded"); await changesetOf(good, "open"); return null; },
  verifierFailureRate: async (bad, good) => { await endRun(bad, "verifier_failed"); await endRun(good, "succeeded"); await changesetOf(good, "open"); return null; },
  ciFailureRate: async (bad, good) => {
    await endRun(bad, "succeeded"); await endRun(good, "succeeded"); await changesetOf(good, "open", { checksState: "passing" });
    return (await changesetOf(bad, "open", { checksState: "failing" })).id;
  },
  closedWithoutMergeRate: async (bad, good) => { await endRun(bad, "succeeded"); await endRun(good, "succeeded"); await changesetOf(good, "merged"); return (await changesetOf(bad, "closed")).id; },
  revertRate: async (bad, good) => {
    await endRun(bad, "succeeded"); await endRun(good, "succeeded"); await changesetOf(good, "merged");
    return (await changesetOf(bad, "merged", { revertedAt: new Date(), revertPrNumber: 77 })).id;
  },
  reviewVetoRate: async (bad, good) => {
    await endRun(bad, "succeeded"); await endRun(good, "succeeded"); await changesetOf(good, "open", { reviewState: "approved" });
    return (await changesetOf(bad, "open", { reviewState: "changes_requested" })).id;
  },
};

describe("a gate broken at a wave's end", () => {
  for (const gate of Object.keys(BREAK) as Gate[]) {
    it(`${gate} above its threshold pauses the campaign with its value, threshold and runs`, async () => {
      const id = await launched({ [gate]: 0.4 });
      const [bad, good] = await waveRuns(id, 0);
      const changeset = await BREAK[gate](bad!, good!);
      const cause = `stopped by its gates after the canary wave: ${gate} 50% (1 of 2) above its threshold 40%`;
      expect(await checkCampaignWaves(id)).toBe(`paused: ${cause}`);
      const c = await campaign(id);
      expect([c.state, c.stateReason, c.waves.map((w) => w.state)]).toEqual(["paused", cause, ["paused", "pending", "pending"]]);
      expect(await waveRuns(id, 1)).toEqual([]);

      const [evaluation] = await evaluations(id);
      expect(evaluation).toMatchObject({ waveIndex: 0, trigger: "wave_finished", outcome: "broken", result: `paused: ${cause}` });
      const gates = evaluation!.gates as GateResult[];
      expect(gates.filter((g) => g.broken)).toEqual([{ gate, threshold: 0.4, value: 0.5, numerator: 1, denominator: 2, broken: true, runs: [bad!.id], changesets: changeset ? [changeset] : [] }]);
      const event = await db.auditEvent.findFirstOrThrow({ where: { tenantId: f.tenant.id, resourceId: id, action: "campaign.gate_broken" } });
      expect(event).toMatchObject({ actorType: "system", actorLabel: "campaign waves", before: { state: "running" } });
      expect(event.after).toMatchObject({ state: "paused", cause, evaluation: evaluation!.id, broken: [{ gate, value: 0.5, threshold: 0.4, runs: [bad!.id] }] });
      // Paused: its check does nothing more.
      expect(await checkCampaignWaves(id)).toBe("not_running: the campaign is paused: only a running campaign's next wave can be promoted");
    });
  }

  it("a rate at its threshold, or over nothing, breaks nothing", async () => {
    const id = await launched({ runFailureRate: 0.5, ciFailureRate: 0 });
    const [bad, good] = await waveRuns(id, 0);
    await BREAK.runFailureRate(bad!, good!);
    expect(await checkCampaignWaves(id)).toMatch(/^promoted: /);
    const gates = (await evaluations(id))[0]!.gates as GateResult[];
    expect(gates.find((g) => g.gate === "runFailureRate")).toMatchObject({ value: 0.5, broken: false });
    expect(gates.find((g) => g.gate === "ciFailureRate")).toMatchObject({ value: null, numerator: 0, denominator: 0, broken: false });
  });
});

describe("resume after a break", () => {
  it("fixed: the gates pass again and the next wave is promoted", async () => {
    const id = await launched({ ciFailureRate: 0.2 });
    const [bad, good] = await waveRuns(id, 0);
    const failing = await BREAK.ciFailureRate(bad!, good!);
    expect(await checkCampaignWaves(id)).toMatch(/^paused: stopped by its gates after the canary wave: ciFailureRate 50% \(1 of 2\) above its threshold 20%$/);
    // The owner fixes the build; the PR's checks pass now.
    await db.changeset.update({ where: { id: failing! }, data: { checksState: "passing" } });
    const resumed = await as(f.owner, (ctx) => resumeCampaign(ctx, id, { note: "fixed the lint config" }));
    expect([resumed.state, resumed.stateReason]).toEqual(["running", `resumed by ${f.owner.email}: fixed the lint config`]);
    expect(await checkCampaignWaves(id)).toMatch(/^promoted: wave 1 of 2 is running: 3 runs admitted; the canary wave finished and the gates passed$/);
    expect((await evaluations(id)).map((e) => [e.trigger, e.outcome])).toEqual([["wave_finished", "broken"], ["wave_finished", "passed"]]);
  });

  it("still broken: allowed, says so, promotes over the gate once, and gates the next wave afresh", async () => {
    const id = await launched({ ciFailureRate: 0.2 });
    const [bad, good] = await waveRuns(id, 0);
    await BREAK.ciFailureRate(bad!, good!);
    await checkCampaignWaves(id);
    const resumed = await as(f.owner, (ctx) => resumeCampaign(ctx, id, { note: "that repository's CI is flaky" }));
    const still = "gates still broken: ciFailureRate 50% (1 of 2) above its threshold 20%";
    expect(resumed.stateReason).toBe(`resumed by ${f.owner.email}: that repository's CI is flaky; ${still}; the next wave is promoted over them on ${f.owner.email}'s decision`);
    const resume = await db.auditEvent.findFirstOrThrow({ where: { tenantId: f.tenant.id, resourceId: id, action: "campaign.resume" } });
    expect(resume.after).toMatchObject({ overridden: true, evaluation: expect.any(String) });
    expect(await checkCampaignWaves(id)).toBe("promoted: wave 1 of 2 is running: 3 runs admitted; the canary wave finished and the gates passed over ciFailureRate 50% (1 of 2) above its threshold 20%, as the owner's resume allowed");
    expect((await evaluations(id)).map((e) => [e.trigger, e.outcome, e.actorLabel])).toEqual([
      ["wave_finished", "broken", "campaign waves"], ["resume", "overridden", f.owner.email], ["wave_finished", "overridden", "campaign waves"],
    ]);
    // Wave 1 fails its checks too: its end is gated afresh.
    for (const r of await waveRuns(id, 1)) { await endRun(r, "succeeded"); await changesetOf(r, "open", { checksState: "failing" }); }
    expect(await checkCampaignWaves(id)).toBe("paused: stopped by its gates after wave 1: ciFailureRate 80% (4 of 5) above its threshold 20%");
  });

  it("paused by hand, never promoted over a gate the owner was not shown: the check pauses on it first", async () => {
    const id = await launched({ ciFailureRate: 0.2 });
    await as(f.owner, (ctx) => pauseCampaign(ctx, id, { reason: "lunch" }));
    const [bad, good] = await waveRuns(id, 0);
    await BREAK.ciFailureRate(bad!, good!);
    const resumed = await as(f.owner, (ctx) => resumeCampaign(ctx, id, {}));
    expect(resumed.stateReason).toBe(`resumed by ${f.owner.email}`);
    expect(await checkCampaignWaves(id)).toMatch(/^paused: stopped by its gates after the canary wave: ciFailureRate/);
    expect((await as(f.owner, (ctx) => resumeCampaign(ctx, id, {}))).stateReason).toMatch(/gates still broken: ciFailureRate/);
    expect(await checkCampaignWaves(id)).toMatch(/^promoted: .* as the owner's resume allowed$/);
  });
});
