// The run pipeline end to end against the real database, a real bubblewrap sandbox and a demo
// remote: a task becomes a run, a worker step executes it (executeRun, as the runs queue's job
// does), every tool call is decided by the policy and recorded, and the run ends with its patch.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { voteOnApproval } from "../approvals/vote-on-approval";
import { applyOutcome } from "../wiring/approval-consumers";
import { db } from "../db/client";
import { AppError } from "../core/app-error";
import { ensureDemoRemotes } from "../repositories/demo-remotes";
import { createPolicyDocument } from "../policy/save-policy-version";
import { createTestTenant } from "../test/create-tenant";
import { addPerson, ownApprovalQueues, runAs, type TestPerson, type TestTenant } from "../test/run-as";
import { cancelRun } from "./cancel-run";
import { createTask } from "./create-task";
import { executeRun } from "./execute-run";
import { reconcileRuns } from "./reconcile-runs";
import type { CreateTaskInput } from "./task-input";

ownApprovalQueues("runs");

let tenant: TestTenant;
let operator: TestPerson;
let approver: TestPerson;
let repositoryId: string;

const recipe = (steps: string) => `apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: test-recipe }\nsteps:\n${steps}`;

const start = (steps: string, extra: Partial<CreateTaskInput> = {}) =>
  runAs(operator.id, tenant, "runs", (ctx) => createTask(ctx, {
    repositoryId, taskClass: "config_migration", instruction: "test", autonomy: "dry_run_patch", agent: { kind: "recipe", recipe: recipe(steps) }, ...extra,
  }));

const events = (runId: string) => db.runEvent.findMany({ where: { runId }, orderBy: { seq: "asc" } });

beforeAll(async () => {
  tenant = await createTestTenant("runs");
  operator = await addPerson(tenant, ["operator"], "operator");
  approver = await addPerson(tenant, ["approver"], "approver");
  const remotes = await ensureDemoRemotes(mkdtempSync(path.join(tmpdir(), "fg-remotes-")));
  const remote = remotes.get("acme/web-frontend")!;
  repositoryId = (await db.repository.create({ data: { tenantId: tenant.id, owner: "acme", name: "web-frontend", remoteUrl: remote, verifierProfile: "node-test" } })).id;
  // The tenant caps autonomy at dry_run_patch (the platform allows up to fleet_campaign).
  const admin = await addPerson(tenant, ["policy_admin"], "policy-admin");
  const { documentId } = await runAs(admin.id, tenant, "runs", (ctx) => createPolicyDocument(ctx, { content: TENANT_POLICY, tests: "", message: "cap autonomy" }));
  await db.policyVersion.updateMany({ where: { documentId, number: 1 }, data: { state: "active", stateAt: new Date() } });
});

const TENANT_POLICY = `apiVersion: fleetgate/v1
kind: Policy
metadata: { name: runs-test-guardrails, level: tenant }
rules:
  - id: no-publish
    match: { actions: [tool.shell], resources: [command] }
    when: input.context.shell.commands.exists(c, c.program == 'npm' && c.subcommand == 'publish')
    effect: deny
    reason: agents never publish
governance:
  autonomy_max: dry_run_patch
  forbidden_paths: ["PRIVATE/**", "public/**"]
`;

describe("a recipe run", () => {
  it("goes queued, preparing, running, verifying, succeeded; every tool call decided and recorded; the patch kept with its hash", async () => {
    const { runId, state } = await start(`  - write: { path: NOTES.md, content: "hello from the agent\\n" }\n  - run: cat NOTES.md\n`);
    expect(state).toBe("queued");
    expect(await executeRun(runId)).toBe("succeeded");
    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { artifacts: true } });
    expect(run).toMatchObject({ state: "succeeded", failureClass: null, leaseOwner: null });
    expect(run.baseSha).toMatch(/^[0-9a-f]{40}$/);
    expect(run.artifacts).toHaveLength(1);
    expect(run.artifacts[0]).toMatchObject({ kind: "patch", restricted: false });
    expect(run.artifacts[0]!.content).toContain("+hello from the agent");
    const timeline = await events(runId);
    expect(timeline.filter((e) => e.kind === "transition").map((e) => e.toState)).toEqual(["queued", "preparing", "running", "verifying", "succeeded"]);
    const calls = timeline.filter((e) => e.kind === "tool_call").map((e) => e.data as { tool: string; decision: string; status: string; output: string });
    expect(calls.map((c) => [c.tool, c.decision, c.status])).toEqual([["write_file", "allow", "ok"], ["run_shell", "allow", "ok"], ["finish", "allow", "ok"]]);
    expect(calls[1]!.output).toContain("hello from the agent");
    expect(await db.decisionRecord.count({ where: { tenantId: tenant.id, source: "tool", subjectId: runId } })).toBe(3);
    expect(await db.auditEvent.count({ where: { resourceId: runId, action: { startsWith: "run." } } })).toBe(4);
  });

  it("a write to a forbidden path is denied at the boundary, named, and the run fails as policy_denied", async () => {
    // A write step to it would be refused before the run (run-boundary.int.test.ts); a replace over every .yml reaches it.
    const { runId } = await start(`  - replace: { files: "**/*.yml", pattern: "node-version: 18", with: "node-version: 20", regex: false }\n`);
    const result = await executeRun(runId);
    expect(result).toMatch(/^failed: /);
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ state: "failed", failureClass: "policy_denied" });
    const call = (await events(runId)).find((e) => e.kind === "tool_call" && (e.data as { tool: string }).tool === "write_file")!;
    expect(call.data).toMatchObject({ status: "denied", decision: "deny", rule: null, explanation: expect.stringContaining(".github/workflows/ci.yml is a forbidden path") });
  });

  it("a write to a path the tenant's governance forbids is refused before the run when declared, and denied by that governance, not by the rule that allowed it, when not", async () => {
    const before = await db.run.count({ where: { tenantId: tenant.id } });
    await expect(start(`  - write: { path: PRIVATE/notes.md, content: "x\\n" }\n`)).rejects.toThrow(/recipe step 1 writes PRIVATE\/notes.md, a forbidden path here \(PRIVATE\/\*\*, from runs-test-guardrails\)/);
    expect(await db.run.count({ where: { tenantId: tenant.id } })).toBe(before);
    const { runId } = await start(`  - replace: { files: "**/*.html", pattern: 'charset="utf-8"', with: 'charset="UTF-8"', regex: false }\n`);
    expect(await executeRun(runId)).toBe("failed: step 1 (replace in **/*.html): write_file public/index.html: deny (boundary): public/index.html is a forbidden path (public/**, from runs-test-guardrails)");
    const call = (await events(runId)).find((e) => e.kind === "tool_call" && (e.data as { tool: string }).tool === "write_file")!;
    expect(call.data).toMatchObject({ status: "denied", decision: "deny", rule: null });
    expect(await db.decisionRecord.findFirstOrThrow({ where: { tenantId: tenant.id, subjectId: runId, action: "tool.file_write" } })).toMatchObject({ decision: "deny", decidingRule: null });
  });

  it("a failing command fails the run with the command's exit code in the timeline", async () => {
    const { runId } = await start(`  - run: "false"\n`);
    await executeRun(runId);
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ state: "failed", failureClass: "agent_error" });
    expect((await events(runId)).find((e) => e.kind === "tool_call")!.data).toMatchObject({ tool: "run_shell", status: "error", exitCode: 1 });
  });

  it("a command that needs the network pauses the run for approval; approved, the run resumes and finishes", async () => {
    const { runId } = await start(`  - write: { path: NOTES.md, content: "x\\n" }\n  - run: curl --version\n`);
    expect(await executeRun(runId)).toBe("waiting for approval");
    const waiting = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(waiting).toMatchObject({ state: "awaiting_approval", leaseOwner: null });
    const approval = await db.approvalRequest.findUniqueOrThrow({ where: { id: waiting.approvalId! } });
    expect(approval).toMatchObject({ kind: "tool_call", subjectType: "run", subjectId: runId, requesterId: operator.id, state: "pending" });
    await expect(runAs(operator.id, tenant, "runs", (ctx) => voteOnApproval(ctx, approval.id, { vote: "approve", reason: "mine" }))).rejects.toBeInstanceOf(AppError);
    await runAs(approver.id, tenant, "runs", (ctx) => voteOnApproval(ctx, approval.id, { vote: "approve", reason: "curl --version is harmless" }));
    expect((await applyOutcome(approval.id)).result).toBe("the run is queued again");
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ state: "queued" });
    expect(await executeRun(runId)).toBe("succeeded");
    const calls = (await events(runId)).filter((e) => e.kind === "tool_call").map((e) => (e.data as { tool: string }).tool);
    // The write before the pause is not repeated; the approved call runs once.
    expect(calls).toEqual(["write_file", "run_shell", "finish"]);
  });

  it("the repository's verifier command runs without approval (the run runs it anyway); its own deploy script is denied", async () => {
    const verified = await start(`  - write: { path: NOTES.md, content: "x\\n" }\n  - run: "node  --test"\n`);
    expect(await executeRun(verified.runId)).toBe("succeeded");
    const shellCall = async (runId: string) => (await events(runId)).filter((e) => e.kind === "tool_call").map((e) => e.data as { tool: string }).find((d) => d.tool === "run_shell");
    const call = await shellCall(verified.runId);
    expect(call).toMatchObject({ status: "ok", decision: "allow", rule: "platform-tool-calls/shell-allowed", network: false });
    const record = await db.decisionRecord.findFirstOrThrow({ where: { tenantId: tenant.id, subjectId: verified.runId, action: "tool.shell" } });
    expect((record.input as { context: { verifierCommands: string[] } }).context.verifierCommands).toContain("node --test");

    const deploy = await start(`  - write: { path: deploy.sh, content: "echo deployed\\n" }\n  - run: "bash -lc ./deploy.sh"\n`);
    expect(await executeRun(deploy.runId)).toMatch(/^failed: /);
    expect(await db.run.findUniqueOrThrow({ where: { id: deploy.runId } })).toMatchObject({ state: "failed", failureClass: "policy_denied" });
    expect(await shellCall(deploy.runId)).toMatchObject({ status: "denied", decision: "deny", rule: "platform-tool-calls/shell-release-script-denied" });
  });

  it("a denied approval refuses that call only; a recipe, which cannot choose another way, then fails as policy_denied with the approvers' reason", async () => {
    const { runId } = await start(`  - run: curl --version\n`);
    await executeRun(runId);
    const { approvalId } = await db.run.findUniqueOrThrow({ where: { id: runId } });
    await runAs(approver.id, tenant, "runs", (ctx) => voteOnApproval(ctx, approvalId!, { vote: "deny", reason: "no network today" }));
    expect((await applyOutcome(approvalId!)).result).toBe("the run is queued again");
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ state: "queued" });
    expect(await executeRun(runId)).toMatch(/^failed: step 1 \(run curl --version\): the approval for this call was denied by approver-.*: no network today$/);
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ state: "failed", failureClass: "policy_denied" });
    const call = (await events(runId)).find((e) => e.kind === "tool_call")!;
    expect(call).toMatchObject({ message: "run_shell denied at approval", data: expect.objectContaining({ status: "denied", decision: "require_approval", output: expect.stringMatching(/^the approval for this call was denied by .*: no network today$/) }) });
  });
});

describe("refusals and control", () => {
  it("autonomy above the policy's maximum is refused at body.autonomy, naming the maximum; nothing is created", async () => {
    const before = await db.run.count({ where: { tenantId: tenant.id } });
    await expect(start(`  - run: "true"\n`, { autonomy: "autonomous_pr" })).rejects.toMatchObject({
      code: "validation_failed", message: expect.stringMatching(/above the maximum for acme\/web-frontend and config_migration \(dry_run_patch, set by tenant policy runs-test-guardrails \(governance\.autonomy_max\)\)$/), details: { issues: [{ path: "body.autonomy" }] },
    });
    expect(await db.run.count({ where: { tenantId: tenant.id } })).toBe(before);
  });

  it("a malformed recipe is refused with its line", async () => {
    await expect(start(`  - frobnicate: yes\n`)).rejects.toMatchObject({ code: "validation_failed", message: expect.stringMatching(/^body\.agent\.recipe: line 5/) });
  });

  it("a queued run is cancelled at once and a worker then finds nothing to do", async () => {
    const { runId } = await start(`  - run: "true"\n`);
    await runAs(operator.id, tenant, "runs", (ctx) => cancelRun(ctx, runId, "changed my mind"));
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ state: "cancelled", failureClass: "cancelled" });
    expect(await executeRun(runId)).toMatch(/^not runnable here/);
  });

  it("a kill switch covering the repository refuses new tasks, naming it", async () => {
    const sw = await db.killSwitch.create({ data: { tenantId: tenant.id, level: "repository", target: repositoryId, effects: ["new_runs", "running"], reason: "incident 42", setByLabel: "test" } });
    try {
      await expect(start(`  - run: "true"\n`)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("incident 42") });
    } finally {
      await db.killSwitch.update({ where: { id: sw.id }, data: { releasedAt: new Date(), releasedByLabel: "test", releaseReason: "over" } });
    }
  });

  it("two workers at once: one executes, the other finds the run leased", async () => {
    const { runId } = await start(`  - write: { path: NOTES.md, content: "once\\n" }\n`);
    const results = await Promise.all([executeRun(runId), executeRun(runId)]);
    expect(results.filter((r) => r === "succeeded")).toHaveLength(1);
    expect(results.filter((r) => r.startsWith("not runnable here"))).toHaveLength(1);
    const calls = (await events(runId)).filter((e) => e.kind === "tool_call");
    expect(calls).toHaveLength(2);
  });

  it("a cancel asked of a run whose worker died is settled by the reconciler", async () => {
    const { runId } = await start(`  - run: "true"\n`);
    await db.run.update({ where: { id: runId }, data: { state: "running", cancelRequested: true, leaseOwner: "dead-worker", leaseExpiresAt: new Date(Date.now() - 1_000) } });
    expect((await reconcileRuns()).cancelled).toBeGreaterThanOrEqual(1);
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ state: "cancelled", failureClass: "cancelled", leaseOwner: null });
  });
});
