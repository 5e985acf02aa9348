// Campaign specs and plans against the real database and the platform policy: bad input is refused
// with the field named and nothing saved (through the real route handlers), a preview over a mixed
// fleet excludes restricted tiers naming the rule, picks canaries with reasons and fills waves that
// add up, writing nothing; drafts are saved, changed, and seen only in their tenant.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getRoute, PATCH as updateRoute } from "@/app/api/v1/tenants/[tenant]/campaigns/[campaignId]/route";
import { POST as previewRoute } from "@/app/api/v1/tenants/[tenant]/campaigns/preview/route";
import { POST as createRoute } from "@/app/api/v1/tenants/[tenant]/campaigns/route";
import { readContext } from "../core/read-context";
import { db } from "../db/client";
import { auditOfRequest, callRoute, tokenOf } from "../test/call-route";
import { campaignFleet, fleetSpec, type Fleet } from "../test/campaign-fleet";
import { createTestTenant } from "../test/create-tenant";
import { ownApprovalQueues, runAs, scopeAs } from "../test/run-as";
import { ZCampaignBody } from "./campaign-input";
import { createCampaign } from "./create-campaign";
import { getCampaign } from "./get-campaign";
import { listCampaignTargets } from "./list-campaign-targets";
import { listCampaigns } from "./list-campaigns";
import { previewCampaign } from "./preview-campaign";

ownApprovalQueues("campaign-plan");

let f: Fleet;
let token: string;
const counts = async () => ({
  campaigns: await db.campaign.count({ where: { tenantId: f.tenant.id } }),
  decisions: await db.decisionRecord.count({ where: { tenantId: f.tenant.id } }),
  audit: await db.auditEvent.count({ where: { tenantId: f.tenant.id } }),
});
const create = (body: unknown) => callRoute(createRoute, { token, tenant: f.tenant, path: "/campaigns", body });
const preview = async (spec: Record<string, unknown>) => previewCampaign(readContext(await scopeAs(f.owner.id, f.tenant)), ZCampaignBody.parse({ spec }));

beforeAll(async () => {
  f = await campaignFleet("campaign-plan");
  token = await tokenOf(f.owner, f.tenant, ["campaign_owner"]);
});

describe("bad specs", () => {
  const refusals: [string, unknown, string][] = [
    ["an unknown key", { spec: { ...fleetSpec(), speed: 3 } }, "body.spec.speed"],
    ["an unknown key in YAML, with its line", { yaml: "name: x\nspeed: 3\n" }, "body.yaml.speed"],
    ["an empty target set", { spec: fleetSpec({ targets: { namePattern: "nothing-*" } }) }, "body.spec.targets"],
    ["a repository the tenant does not have", { spec: fleetSpec({ targets: { repositories: ["acme/pay-api", "other/elsewhere"] } }) }, "body.spec.targets.repositories.1"],
    ["a team the tenant does not have", { spec: fleetSpec({ targets: { teams: ["payments", "nobody"] } }) }, "body.spec.targets.teams.1"],
    ["waves that do not cover every eligible target", { spec: fleetSpec({ waves: { canary: 2, sizes: [3] } }) }, "body.spec.waves.sizes"],
    ["a schedule window that never opens", { spec: fleetSpec({ schedule: { timezone: "Europe/Berlin", windows: [{ days: ["mon"], start: "09:00", end: "09:00" }] } }) }, "body.spec.schedule.windows.0"],
    ["a cap of zero", { spec: fleetSpec({ caps: { openPerTeam: 0 } }) }, "body.spec.caps.openPerTeam"],
    ["a negative cap", { spec: fleetSpec({ caps: { perRepository: -1 } }) }, "body.spec.caps.perRepository"],
    ["a recipe that is not one", { spec: fleetSpec({ change: { taskClass: "docs_update", instruction: "x", agent: { kind: "recipe", recipe: "steps: 3\n" } } }) }, "body.spec.change.agent.recipe"],
    ["a model agent where the tenant has no model endpoint", { spec: fleetSpec({ change: { taskClass: "docs_update", instruction: "x", agent: { kind: "model" } } }) }, "body.spec.change.agent.kind"],
    ["a verifier profile the tenant does not have", { spec: fleetSpec({ verifierProfile: "no-such-profile" }) }, "body.spec.verifierProfile"],
    ["both spec and yaml", { spec: fleetSpec(), yaml: "name: x\n" }, "body.yaml"],
  ];
  it.each(refusals)("%s: 422 naming the field, nothing saved", async (_what, body, path) => {
    const before = await counts();
    const r = await create(body);
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    const paths = (r.body.error!.details!.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toContain(path);
    expect(await counts()).toEqual(before);
    expect(await auditOfRequest(r.requestId)).toEqual([]);
  });

  it("names the line and column of a YAML problem, and the plan's problems in YAML too", async () => {
    const r = await create({ yaml: "name: x\nspeed: 3\n" });
    expect(r.body.error!.details!.issues).toContainEqual({ path: "body.yaml.speed", message: 'line 2, column 1: unknown key "speed"', line: 2, column: 1 });
    const yaml = `name: waves-short\nchange:\n  taskClass: docs_update\n  instruction: x\n  agent:\n    kind: recipe\n    recipe: ${JSON.stringify(fleetSpec().change.agent.recipe)}\ntargets: { teams: [web] }\nwaves:\n  canary: 1\n  sizes: [1]\n`;
    const short = await create({ yaml });
    expect(short.status).toBe(422);
    expect(short.body.error!.details!.issues).toEqual([{
      path: "body.yaml.waves.sizes", line: 11, column: 10,
      message: 'line 11, column 10: the waves cover 2 of 4 eligible targets (canary 1 + 1); add a wave, or end with "100%" for the rest',
    }]);
  });

  it("refuses another tenant's repository exactly like a missing one", async () => {
    const other = await createTestTenant("campaign-other");
    await db.repository.create({ data: { tenantId: other.id, owner: "other", name: "theirs" } });
    const r = await create({ spec: fleetSpec({ targets: { repositories: ["other/theirs"] } }) });
    expect(r.status).toBe(422);
    expect(r.body.error!.details!.issues).toEqual([{ path: "body.spec.targets.repositories.0", message: "no repository other/theirs in this tenant" }]);
  });
});

describe("preview over a mixed fleet", () => {
  it("excludes restricted tiers naming the rule, picks canaries with reasons, fills waves that add up, and writes nothing", async () => {
    const before = await counts();
    const p = await preview(fleetSpec());
    expect(p.counts).toEqual({ targets: 11, eligible: 9, excluded: 2 });
    const excluded = p.targets.filter((t) => !t.eligible);
    expect(excluded.map((t) => [t.fullName, t.decision, t.excludedRule, t.waveIndex])).toEqual([
      ["acme/pay-ledger", "deny", "platform-console-access/campaign-no-restricted-tiers", null],
      ["acme/web-auth", "deny", "platform-console-access/campaign-no-restricted-tiers", null],
    ]);
    expect(excluded[0]!.excludedReason).toBe("campaigns may not target regulated or critical repositories");
    expect(p.waves).toEqual([{ index: 0, size: 2 }, { index: 1, size: 3 }, { index: 2, size: 4 }]);
    const wave = (i: number) => p.targets.filter((t) => t.waveIndex === i).map((t) => t.fullName);
    expect(wave(0)).toEqual(["acme/pay-api", "acme/web-app"]);
    expect(wave(1)).toEqual(["acme/ghost-tool", "acme/pay-docs", "acme/web-flaky"]);
    expect(wave(2)).toEqual(["acme/orphan-lib", "acme/pay-core", "acme/web-edge", "acme/web-site"]);
    expect(p.targets.find((t) => t.fullName === "acme/pay-api")!.canaryReason).toBe(
      "Meets every canary criterion: low risk tier, verifies with node-test, no failed verification in the last 30 days, owned by payments (2 members).",
    );
    expect(p.targets.filter((t) => t.waveIndex !== 0).every((t) => t.canaryReason === null)).toBe(true);
    expect(p.launchNeedsApproval).toBeNull();
    expect(p.estimate.perTeam.map((t) => [t.team, t.byWave, t.peakPerDay])).toEqual([["web", [1, 1, 2], 2], ["ghosts", [0, 1, 0], 1], ["payments", [1, 1, 1], 1], [null, [0, 0, 1], 1]]);
    expect(await counts()).toEqual(before);
  });

  it("estimates the load per team under the platform's caps and the spec's, naming the cap that binds each team", async () => {
    const loose = (await preview(fleetSpec())).estimate;
    expect(loose.perTeam.every((t) => t.boundBy === null)).toBe(true);
    expect(loose.assumption).toContain("the tenant's hourly budget (60 PRs an hour, burst 20); open PRs per team 20; open PRs per wave");
    expect(loose.rolloutDays).toBe(3);
    // Supervised PRs wait in the review queue: web's two PRs of the last wave take two days.
    const tight = (await preview(fleetSpec({ autonomy: "supervised_pr", caps: { awaitingReviewPerTeam: 1 } }))).estimate;
    expect(tight.perTeam.map((t) => [t.team, t.peakPerDay, t.boundBy?.label ?? null])).toEqual([
      ["ghosts", 1, null], ["payments", 1, null], ["web", 1, "awaiting review per team (1)"], [null, 1, null],
    ]);
    expect(tight.rolloutDays).toBe(4);
    expect(tight.assumption).toContain("awaiting review per team 1;");
  });

  it("takes the next best canary when too few meet every criterion, and says what it lacks", async () => {
    const p = await preview(fleetSpec({ waves: { canary: 4, sizes: ["100%"] } }));
    const canaries = p.targets.filter((t) => t.waveIndex === 0);
    expect(canaries.map((t) => t.fullName)).toEqual(["acme/ghost-tool", "acme/pay-api", "acme/pay-docs", "acme/web-app"]);
    expect(canaries.find((t) => t.fullName === "acme/pay-docs")!.canaryReason).toMatch(/^Best available \(.*\), although it has no verifiers \(profile none\): too few/);
  });

  it("asks for approval above 50 targets or for a risky class, naming the rule", async () => {
    const p = await preview(fleetSpec({ change: { ...fleetSpec().change, taskClass: "ci_workflow_change" } }));
    expect(p.launchNeedsApproval).toEqual({ rules: ["platform-console-access/campaign-risky-change-needs-approval"], reasons: [expect.stringMatching(/major dependency upgrades and CI workflow changes require approval/)] });
  });

  it("excludes every target when the campaign's autonomy is above the policy's limit for campaigns", async () => {
    const p = await preview(fleetSpec({ autonomy: "autonomous_pr" }));
    expect(p.counts.eligible).toBe(0);
    expect(new Set(p.targets.filter((t) => t.riskTier !== "regulated" && t.riskTier !== "critical").map((t) => t.excludedRule))).toEqual(new Set(["platform-console-access/campaign-autonomy-limit"]));
  });
});

describe("drafts", () => {
  it("saves a draft with its plan, refuses a second of the same name, and changes it while it is a draft", async () => {
    const spec = fleetSpec({ name: "docs-refresh" });
    const r = await create({ spec });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const saved = r.body.campaign as { id: string; state: string; targetCount: number; eligibleCount: number; waveCount: number; specYaml: string };
    expect(saved).toMatchObject({ state: "draft", targetCount: 11, eligibleCount: 9, waveCount: 3 });
    expect(saved.specYaml).toContain("name: docs-refresh");
    expect(await auditOfRequest(r.requestId)).toEqual([["campaign.create", "success"]]);
    expect(await db.campaignTarget.count({ where: { campaignId: saved.id, waveIndex: 0 } })).toBe(2);
    expect((await create({ spec })).body.error).toMatchObject({ code: "conflict", message: 'a campaign named "docs-refresh" already exists in this tenant' });

    const changed = await callRoute(updateRoute, { token, tenant: f.tenant, path: `/campaigns/${saved.id}`, method: "PATCH", params: { campaignId: saved.id }, body: { spec: { ...spec, targets: { teams: ["web"] }, waves: { canary: 1, sizes: ["100%"] } } } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.campaign).toMatchObject({ targetCount: 5, eligibleCount: 4, waveCount: 2 });
    expect(await db.campaignTarget.count({ where: { campaignId: saved.id } })).toBe(5);
    expect(await auditOfRequest(changed.requestId)).toEqual([["campaign.update", "success"]]);
  });

  it("lists by state and name, and answers 404 for another tenant's campaign", async () => {
    const created = await runAs(f.owner.id, f.tenant, "create", (ctx) => createCampaign(ctx, { spec: fleetSpec({ name: "listed-one" }) as never }));
    const ctx = readContext(await scopeAs(f.owner.id, f.tenant));
    expect((await listCampaigns(ctx, { q: "LISTED", limit: 10 })).campaigns.map((c) => c.name)).toEqual(["listed-one"]);
    expect((await listCampaigns(ctx, { state: "running", limit: 10 })).campaigns).toEqual([]);
    expect((await getCampaign(ctx, created.campaign.id)).estimate.perTeam.map((t) => `${t.team}: ${t.targets}`).sort()).toEqual(["ghosts: 1", "null: 1", "payments: 3", "web: 4"]);
    const excluded = await listCampaignTargets(ctx, created.campaign.id, { eligibility: "excluded", page: 1, limit: 50 });
    expect(excluded.targets.find((t) => t.fullName === "acme/pay-ledger")).toMatchObject({ eligible: false, waveIndex: null, taskId: null, run: null });
    expect(excluded.total).toBe(excluded.targets.length);

    const other = await campaignFleet("campaign-foreign");
    const theirs = await runAs(other.owner.id, other.tenant, "create", (c) => createCampaign(c, { spec: fleetSpec({ name: "theirs" }) as never }));
    await expect(getCampaign(ctx, theirs.campaign.id)).rejects.toMatchObject({ code: "not_found", message: "campaign not found" });
    const viaRoute = await callRoute(getRoute, { token, tenant: f.tenant, path: `/campaigns/${theirs.campaign.id}`, method: "GET", params: { campaignId: theirs.campaign.id } });
    const missing = await callRoute(getRoute, { token, tenant: f.tenant, path: "/campaigns/nope", method: "GET", params: { campaignId: "nope" } });
    expect([viaRoute.status, viaRoute.body.error]).toEqual([404, missing.body.error]);
    const patched = await callRoute(updateRoute, { token, tenant: f.tenant, path: `/campaigns/${theirs.campaign.id}`, method: "PATCH", params: { campaignId: theirs.campaign.id }, body: { spec: fleetSpec() } });
    expect(patched.status).toBe(404);
    expect((await db.campaign.findUniqueOrThrow({ where: { id: theirs.campaign.id } })).name).toBe("theirs");
  });

  it("previews YAML through the route; for who may not create campaigns, every target is excluded by that", async () => {
    const viewerToken = await tokenOf(f.viewer, f.tenant, ["viewer"]);
    const yaml = `name: y\nchange: { taskClass: docs_update, instruction: x, agent: { kind: recipe, recipe: ${JSON.stringify(fleetSpec().change.agent.recipe)} } }\ntargets: { teams: [payments] }\nwaves: { canary: 1, sizes: ["100%"] }\n`;
    const ok = await callRoute(previewRoute, { token, tenant: f.tenant, path: "/campaigns/preview", body: { yaml } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.counts).toEqual({ targets: 4, eligible: 3, excluded: 1 });
    const asViewer = await callRoute(previewRoute, { token: viewerToken, tenant: f.tenant, path: "/campaigns/preview", body: { yaml } });
    expect(asViewer.status).toBe(200);
    expect(new Set((asViewer.body.targets as { excludedRule: string }[]).map((t) => t.excludedRule))).toEqual(new Set(["rbac: campaign.create"]));
  });
});
