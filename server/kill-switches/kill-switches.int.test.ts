// Kill switches against the real database, a real sandbox and a demo remote: the control plane
// refuses covered work, a switch that stops running work ends waiting runs at once and an executing
// one within a heartbeat, a capability switch takes the capability away, bad requests are refused
// naming the field, a global switch needs killswitch.global (through the real route handlers), and a
// tenant-wide release waits for two other admins.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as setRoute } from "@/app/api/v1/tenants/[tenant]/kill-switches/route";
import { POST as releaseRoute } from "@/app/api/v1/tenants/[tenant]/kill-switches/[killSwitchId]/release/route";
import { applyOutcome } from "../wiring/approval-consumers";
import { auditOfRequest, callRoute, tokenOf } from "../test/call-route";
import { voteOnApproval } from "../approvals/vote-on-approval";
import { db } from "../db/client";
import { readContext } from "../core/read-context";
import { listDecisionRecords } from "../policy/list-decision-records";
import { ZDecisionFilter } from "../policy/policy-input";
import { loadReplayRecords } from "../policy/load-decision-records";
import { ensureDemoRemotes } from "../repositories/demo-remotes";
import { createTask } from "../runs/create-task";
import { executeRun } from "../runs/execute-run";
import { createTestTenant } from "../test/create-tenant";
import { addPerson, ownApprovalQueues, runAs, scopeAs, type TestPerson, type TestTenant } from "../test/run-as";
import { ZSetKillSwitch, type SetKillSwitchInput } from "./kill-switch-input";
import { releaseKillSwitch } from "./release-kill-switch";
import { setKillSwitch } from "./set-kill-switch";

ownApprovalQueues("killswitch");

let tenant: TestTenant;
let operator: TestPerson;
let admin: TestPerson;
let admin2: TestPerson;
let admin3: TestPerson;
let repoA: string;
let repoB: string;

const recipe = (steps: string) => `apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: ks-test }\nsteps:\n${steps}`;
const start = (repositoryId: string, steps = `  - write: { path: K.md, content: "x" }\n`) =>
  runAs(operator.id, tenant, "ks", (ctx) => createTask(ctx, { repositoryId, taskClass: "config_migration", instruction: "kill switch test", autonomy: "dry_run_patch", agent: { kind: "recipe", recipe: recipe(steps) } }));
const set = (who: TestPerson, body: Partial<SetKillSwitchInput>) => runAs(who.id, tenant, "ks", (ctx) => setKillSwitch(ctx, ZSetKillSwitch.parse(body)));
const release = (who: TestPerson, id: string) => runAs(who.id, tenant, "ks", (ctx) => releaseKillSwitch(ctx, id, "incident over"));
const state = async (runId: string) => (await db.run.findUniqueOrThrow({ where: { id: runId } })).state;

beforeAll(async () => {
  tenant = await createTestTenant("ks");
  operator = await addPerson(tenant, ["operator"], "operator");
  admin = await addPerson(tenant, ["tenant_admin"], "admin");
  admin2 = await addPerson(tenant, ["tenant_admin"], "admin2");
  admin3 = await addPerson(tenant, ["tenant_admin"], "admin3");
  const remotes = await ensureDemoRemotes(mkdtempSync(path.join(tmpdir(), "fg-remotes-")));
  repoA = (await db.repository.create({ data: { tenantId: tenant.id, owner: "acme", name: "web-frontend", remoteUrl: remotes.get("acme/web-frontend")!, verifierProfile: "node-test" } })).id;
  repoB = (await db.repository.create({ data: { tenantId: tenant.id, owner: "acme", name: "docs-site", remoteUrl: remotes.get("acme/docs-site")!, verifierProfile: "node-test" } })).id;
});

describe("a repository switch", () => {
  it("refuses new tasks on its repository only, naming the switch; released, work starts again", async () => {
    const { killSwitch } = await set(admin, { level: "repository", target: repoA, effects: ["new_runs"], reason: "bad deploy" });
    expect(killSwitch).toMatchObject({ level: "repository", targetLabel: "acme/web-frontend", global: false, releasedAt: null });
    await expect(start(repoA)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/^no new runs: kill switch \(repository .+\) set by admin.+: bad deploy$/) });
    expect((await start(repoB)).state).toBe("queued");
    await expect(set(admin, { level: "repository", target: repoA, effects: ["new_runs"], reason: "twice" })).rejects.toMatchObject({ code: "conflict" });
    const released = await release(admin, killSwitch.id);
    expect(released).toMatchObject({ state: "released", killSwitch: { releaseReason: "incident over" } });
    expect((await start(repoA)).state).toBe("queued");
    await expect(release(admin, killSwitch.id)).rejects.toMatchObject({ code: "conflict" });
    const actions = (await db.auditEvent.findMany({ where: { tenantId: tenant.id, resourceId: killSwitch.id }, orderBy: { seq: "asc" }, select: { action: true } })).map((e) => e.action);
    expect(actions).toEqual(["killswitch.set", "killswitch.release"]);
  });

  it("that stops running work ends waiting runs at once and an executing one within a heartbeat", async () => {
    const waiting = (await start(repoB)).runId;
    const queuedBefore = await db.run.count({ where: { repositoryId: repoB, state: { in: ["queued", "awaiting_approval"] } } });
    const executing = (await start(repoB, `  - run: "sleep 30"\n`)).runId;
    const worker = executeRun(executing);
    for (let i = 0; i < 100 && (await state(executing)) !== "running"; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await state(executing)).toBe("running");
    const setAt = Date.now();
    const { killSwitch, stoppedWaiting } = await set(admin, { level: "repository", target: repoB, effects: ["new_runs", "running"], reason: "stop everything on docs" });
    expect(stoppedWaiting).toBe(queuedBefore);
    expect(await db.run.findUniqueOrThrow({ where: { id: waiting } })).toMatchObject({ state: "cancelled", failureClass: "cancelled", failureMessage: expect.stringContaining("stop everything on docs") });
    expect(await worker).toMatch(/^cancelled: stopped by kill switch/);
    expect(Date.now() - setAt).toBeLessThan(25_000); // well before its 30 s command would have ended by itself
    expect(await state(executing)).toBe("cancelled");
    await release(admin, killSwitch.id);
  });
});

describe("a global switch", () => {
  it("ends another tenant's run waiting for approval with its approval request, in that tenant's own trail", async () => {
    const other = await createTestTenant("ks-other");
    const otherOperator = await addPerson(other, ["operator"], "other-operator");
    const remote = (await db.repository.findUniqueOrThrow({ where: { id: repoA } })).remoteUrl;
    const otherRepo = (await db.repository.create({ data: { tenantId: other.id, owner: "acme", name: "web-frontend", remoteUrl: remote, verifierProfile: "node-test" } })).id;
    const { runId } = await runAs(otherOperator.id, other, "ks", (ctx) => createTask(ctx, {
      repositoryId: otherRepo, taskClass: "config_migration", instruction: "needs the network", autonomy: "dry_run_patch",
      agent: { kind: "recipe", recipe: recipe(`  - write: { path: K.md, content: "x" }\n  - run: "curl -sS https://registry.npmjs.org/"\n`) },
    }));
    expect(await executeRun(runId)).toBe("waiting for approval");
    const { approvalId } = await db.run.findUniqueOrThrow({ where: { id: runId } });
    const platformAdmin = await addPerson(tenant, ["tenant_admin"], "platform-admin");
    await db.user.update({ where: { id: platformAdmin.id }, data: { platformAdmin: true } });
    const { killSwitch } = await set(platformAdmin, { level: "global", effects: ["running"], reason: "stop the fleet" });
    try {
      expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ state: "cancelled", failureClass: "cancelled" });
      expect(await db.approvalRequest.findUniqueOrThrow({ where: { id: approvalId! } })).toMatchObject({ state: "cancelled", outcomeReason: expect.stringContaining("stop the fleet") });
      const trail = await db.auditEvent.findMany({ where: { tenantId: other.id, resourceId: { in: [runId, approvalId!] } }, orderBy: { seq: "asc" }, select: { action: true, actorLabel: true } });
      expect(trail.slice(-2)).toEqual([
        { action: "approval.cancel", actorLabel: `kill switch ${killSwitch.id}` },
        { action: "run.cancelled", actorLabel: `kill switch ${killSwitch.id}` },
      ]);
    } finally {
      await db.killSwitch.update({ where: { id: killSwitch.id }, data: { releasedAt: new Date(), releasedByLabel: "test", releaseReason: "over" } });
    }
  });
});

describe("a capability switch", () => {
  it("takes the shell away from runs: the call is denied and recorded, the run fails without a change", async () => {
    const { killSwitch } = await set(admin, { level: "capability", target: "shell", reason: "shell misbehaves" });
    const { runId } = await start(repoA, `  - run: "echo hi > X.md"\n`);
    expect(await executeRun(runId)).toMatch(/^failed: step 1 \(run echo hi > X.md\): refused by kill switch \(capability shell\) set by admin.*: shell misbehaves$/);
    const call = await db.runEvent.findFirstOrThrow({ where: { runId, kind: "tool_call" } });
    expect(call.message).toBe("run_shell denied by a kill switch");
    expect(call.data).toMatchObject({ status: "denied", decision: "deny", rule: null, killSwitch: killSwitch.id, output: expect.stringMatching(/^refused by kill switch \(capability shell\) set by .*: shell misbehaves$/) });

    // The switch's decision is kept like any other, with its input, and listed naming the switch.
    const record = await db.decisionRecord.findFirstOrThrow({ where: { tenantId: tenant.id, subjectId: runId } });
    expect(record).toMatchObject({
      action: "tool.shell", resourceKind: "command", decision: "deny", decidingRule: null, killSwitchId: killSwitch.id, source: "tool", matchedRules: [],
      input: { action: "tool.shell", resource: { kind: "command" }, context: expect.objectContaining({ command: "echo hi > X.md" }) },
    });
    const listed = await listDecisionRecords(readContext(await scopeAs(admin.id, tenant)), ZDecisionFilter.parse({ action: "tool.shell", decision: "deny" }));
    expect(listed.records.find((r) => r.id === record.id.toString())).toMatchObject({
      decidingRule: null, killSwitch: { id: killSwitch.id, level: "capability", target: "shell", reason: "shell misbehaves", setBy: expect.stringContaining("admin") },
    });
    // A draft policy has nothing to change about it: the blast radius replays only what policy decided.
    const replayed = await loadReplayRecords(db, tenant.id, { limit: 50_000 });
    expect(replayed.map((r) => r.id)).not.toContain(record.id.toString());
    await release(admin, killSwitch.id);
  });
});

describe("bad requests", () => {
  it("name the field and refuse another tenant's repository", async () => {
    const path0 = (b: unknown) => ZSetKillSwitch.safeParse(b).error?.issues.map((i) => i.path.join("."));
    expect(path0({ level: "repository", effects: ["new_runs"], reason: "why not" })).toEqual(["target"]);
    expect(path0({ level: "tenant", effects: [], reason: "why not" })).toEqual(["effects"]);
    expect(path0({ level: "capability", target: "teleport", reason: "why not" })).toEqual(["target"]);
    expect(path0({ level: "tenant", effects: ["new_runs"], reason: "" })).toEqual(["reason"]);
    expect(path0({ level: "tenant", effects: ["explode"], reason: "why not" })).toEqual(["effects.0"]);
    const other = await createTestTenant("ks-other");
    const foreign = (await db.repository.create({ data: { tenantId: other.id, owner: "globex", name: "secret" } })).id;
    await expect(set(admin, { level: "repository", target: foreign, effects: ["new_runs"], reason: "not mine" })).rejects.toMatchObject({
      code: "validation_failed", details: { issues: [{ path: "body.target", message: "no such repository in this tenant" }] },
    });
    expect(await db.killSwitch.count({ where: { target: foreign } })).toBe(0);
  });
});

describe("the permission a global switch needs", () => {
  const because = "missing permission killswitch.global: a global kill switch stops every tenant";

  it("is killswitch.global, which the routes declare: a tenant admin neither sets nor releases one; their own switch needs only killswitch.set", async () => {
    const token = await tokenOf(admin, tenant, ["tenant_admin"]);
    const reason = `global ${Date.now()}`;
    const set = await callRoute(setRoute, { token, tenant, path: "/kill-switches", body: { level: "global", effects: ["new_runs"], reason } });
    expect(set.status).toBe(403);
    expect(set.body.error).toMatchObject({ code: "forbidden", message: because, details: { permission: "killswitch.global" } });
    expect(await auditOfRequest(set.requestId)).toEqual([["killswitch.set", "deny"]]);
    expect(await db.killSwitch.count({ where: { reason } })).toBe(0);
    // A global switch some platform admin set: a tenant admin cannot release it through their tenant.
    const global = await db.killSwitch.create({ data: { tenantId: null, level: "global", effects: ["pr_creation"], reason, setById: admin.id, setByLabel: "platform" } });
    try {
      const release = await callRoute(releaseRoute, { token, tenant, path: `/kill-switches/${global.id}/release`, params: { killSwitchId: global.id }, body: { reason: "not mine to release" } });
      expect(release.status).toBe(403);
      expect(release.body.error).toMatchObject({ code: "forbidden", message: because });
      expect(await auditOfRequest(release.requestId)).toEqual([["killswitch.release", "deny"]]);
      expect(await db.killSwitch.findUniqueOrThrow({ where: { id: global.id } })).toEqual(global);
    } finally {
      await db.killSwitch.update({ where: { id: global.id }, data: { releasedAt: new Date(), releasedByLabel: "test", releaseReason: "test over" } });
    }
    const own = await callRoute(setRoute, { token, tenant, path: "/kill-switches", body: { level: "repository", target: repoB, effects: ["pr_creation"], reason } });
    expect(own.status).toBe(201);
    const id = (own.body.killSwitch as { id: string }).id;
    expect((await callRoute(releaseRoute, { token, tenant, path: `/kill-switches/${id}/release`, params: { killSwitchId: id }, body: { reason: "done" } })).status).toBe(200);
  });

  it("tells nothing about another tenant's switch: to one without it, that answers 404 exactly like a missing one", async () => {
    const other = await createTestTenant("ks-foreign");
    const foreign = await db.killSwitch.create({ data: { tenantId: other.id, level: "tenant", effects: ["pr_creation"], reason: "theirs", setById: admin.id, setByLabel: "them" } });
    const token = await tokenOf(admin, tenant, ["tenant_admin"]);
    const answers = [];
    for (const killSwitchId of [foreign.id, "no-such-switch"]) {
      const r = await callRoute(releaseRoute, { token, tenant, path: `/kill-switches/${killSwitchId}/release`, params: { killSwitchId }, body: { reason: "not ours" } });
      answers.push([r.status, r.body.error]);
      expect(await auditOfRequest(r.requestId)).toEqual([]);
    }
    expect(answers[0]).toEqual([404, { code: "not_found", message: "kill switch not found", details: {} }]);
    expect(answers[1]).toEqual(answers[0]);
    expect(await db.killSwitch.findUniqueOrThrow({ where: { id: foreign.id } })).toEqual(foreign);
  });
});

describe("a tenant-wide switch", () => {
  it("is released only after two other tenant admins approve; its author may not", async () => {
    const { killSwitch } = await set(admin, { level: "tenant", effects: ["new_runs"], reason: "audit week" });
    await expect(start(repoB)).rejects.toMatchObject({ code: "conflict" });
    const asked = await release(admin, killSwitch.id);
    expect(asked).toMatchObject({ state: "release_pending", approvalId: expect.any(String) });
    const approvalId = asked.approvalId!;
    expect(await db.approvalRequest.findUniqueOrThrow({ where: { id: approvalId } })).toMatchObject({ kind: "killswitch_release", subjectType: "killswitch", subjectId: killSwitch.id });
    await expect(runAs(admin.id, tenant, "ks", (ctx) => voteOnApproval(ctx, approvalId, { vote: "approve", reason: "mine" }))).rejects.toMatchObject({ code: "forbidden" });
    await runAs(admin2.id, tenant, "ks", (ctx) => voteOnApproval(ctx, approvalId, { vote: "approve", reason: "checked" }));
    expect((await db.killSwitch.findUniqueOrThrow({ where: { id: killSwitch.id } })).releasedAt).toBeNull();
    await runAs(admin3.id, tenant, "ks", (ctx) => voteOnApproval(ctx, approvalId, { vote: "approve", reason: "agreed" }));
    expect((await applyOutcome(approvalId)).result).toBe("the kill switch is released");
    expect(await db.killSwitch.findUniqueOrThrow({ where: { id: killSwitch.id } })).toMatchObject({ releasedByLabel: expect.stringContaining("(approved)") });
    expect((await start(repoB)).state).toBe("queued");
  });
});
