// The boundary through the real run pipeline: a ci_workflow_change task changes workflow files once its
// start is approved; a repository that forbids them outright refuses the class before anyone is asked;
// any other class is refused from them, before the run when its recipe says so, else at the write or
// on the diff. Runs are driven as the runs queue drives them (executeRun) against a demo remote.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { applyOutcome } from "../wiring/approval-consumers";
import { voteOnApproval } from "../approvals/vote-on-approval";
import { db } from "../db/client";
import { createPolicyDocument } from "../policy/save-policy-version";
import { ensureDemoRemotes } from "../repositories/demo-remotes";
import { createTestTenant } from "../test/create-tenant";
import { addPerson, ownApprovalQueues, runAs, type TestPerson, type TestTenant } from "../test/run-as";
import { createTask } from "./create-task";
import { executeRun } from "./execute-run";
import type { CreateTaskInput } from "./task-input";

ownApprovalQueues("run-boundary");

let tenant: TestTenant;
let operator: TestPerson;
let approver: TestPerson;
let admin: TestPerson;
const repos: Record<string, string> = {};

const recipe = (steps: string) => `apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: boundary-test }\nsteps:\n${steps}`;
const NODE_20 = `  - replace: { files: .github/workflows/ci.yml, pattern: "node-version: 18", with: "node-version: 20", regex: false }\n`;

const start = (repository: string, taskClass: CreateTaskInput["taskClass"], steps: string, instruction = "test") =>
  runAs(operator.id, tenant, "run-boundary", (ctx) => createTask(ctx, {
    repositoryId: repos[repository]!, taskClass, instruction, autonomy: "dry_run_patch", agent: { kind: "recipe", recipe: recipe(steps) },
  } satisfies CreateTaskInput));

const events = (runId: string) => db.runEvent.findMany({ where: { runId }, orderBy: { seq: "asc" } });
const counts = async () => ({ runs: await db.run.count({ where: { tenantId: tenant.id } }), approvals: await db.approvalRequest.count({ where: { tenantId: tenant.id } }) });

const LOCKDOWN = `apiVersion: fleetgate/v1
kind: Policy
metadata: { name: payments-lockdown, level: repository, target: payment-service }
rules: []
governance:
  forbidden_paths: [".github/workflows/**"]
`;

beforeAll(async () => {
  tenant = await createTestTenant("run-boundary");
  operator = await addPerson(tenant, ["operator"], "operator");
  approver = await addPerson(tenant, ["approver"], "approver");
  admin = await addPerson(tenant, ["tenant_admin"], "tenant-admin");
  const remotes = await ensureDemoRemotes(mkdtempSync(path.join(tmpdir(), "fg-remotes-")));
  for (const name of ["web-frontend", "payment-service"]) {
    repos[name] = (await db.repository.create({ data: { tenantId: tenant.id, owner: "acme", name, remoteUrl: remotes.get(`acme/${name}`)!, verifierProfile: "node-test" } })).id;
  }
  const policyAdmin = await addPerson(tenant, ["policy_admin"], "policy-admin");
  const { documentId } = await runAs(policyAdmin.id, tenant, "run-boundary", (ctx) => createPolicyDocument(ctx, { content: LOCKDOWN, tests: "", message: "workflows stay human" }));
  await db.policyVersion.updateMany({ where: { documentId, number: 1 }, data: { state: "active", stateAt: new Date() } });
});

describe("a ci_workflow_change task", () => {
  it("asks its approval first, with the likely refusals; approved by an approver and a tenant admin, it changes the workflow and succeeds", async () => {
    const { runId, state, approvalId } = await start("web-frontend", "ci_workflow_change", NODE_20, "Run CI on Node 20 in .github/workflows/ci.yml; leave deploy/prod/ alone");
    expect(state).toBe("awaiting_approval");
    const request = await db.approvalRequest.findUniqueOrThrow({ where: { id: approvalId! } });
    expect(request).toMatchObject({ kind: "ci_workflow_change", subjectType: "run", subjectId: runId, action: "start", state: "pending" });
    // The workflow file is this class's to change; the other path the instruction names is not.
    expect((request.proposal as { likelyRefusals?: string[] }).likelyRefusals).toEqual([
      "the instruction mentions deploy/prod/, a forbidden path here (deploy/prod/**, from platform-change-governance)",
    ]);
    await runAs(approver.id, tenant, "run-boundary", (ctx) => voteOnApproval(ctx, approvalId!, { vote: "approve", reason: "Node 18 is end of life" }));
    await runAs(admin.id, tenant, "run-boundary", (ctx) => voteOnApproval(ctx, approvalId!, { vote: "approve", reason: "agreed" }));
    expect((await applyOutcome(approvalId!)).result).toBe("the run is queued again");

    expect(await executeRun(runId)).toBe("succeeded");
    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { artifacts: true } });
    expect(run.boundaryReport).toMatchObject({ forbiddenPathsTouched: [], violations: [], changeClass: { name: "ci_workflow_change", allowed: true } });
    expect(run.artifacts[0]!.content).toContain("+          node-version: 20");
    const write = (await events(runId)).find((e) => e.kind === "tool_call" && (e.data as { tool: string }).tool === "write_file")!;
    expect(write.data).toMatchObject({ status: "ok", decision: "allow", rule: "platform-tool-calls/file-write-allowed" });
  });

  it("is refused before any approval is asked where a repository forbids workflows outright", async () => {
    const before = await counts();
    await expect(start("payment-service", "ci_workflow_change", NODE_20)).rejects.toMatchObject({
      code: "validation_failed",
      message: expect.stringMatching(/^the boundary refuses this task before it runs: body\.taskClass: ci_workflow_change exists to change \.github\/workflows\/\*\*, which stays forbidden here: /),
      details: { issues: [
        { path: "body.taskClass", message: "ci_workflow_change exists to change .github/workflows/**, which stays forbidden here: .github/workflows/**, from platform-change-governance, payments-lockdown" },
        { path: "body.agent.recipe", message: "recipe step 1 replaces in .github/workflows/ci.yml, forbidden here (.github/workflows/**, from platform-change-governance, payments-lockdown)" },
      ] },
    });
    expect(await counts()).toEqual(before);
  });
});

describe("another class", () => {
  it("is refused before the run when its recipe writes a workflow file", async () => {
    const before = await counts();
    await expect(start("web-frontend", "refactor", `  - write: { path: .github/workflows/ci.yml, content: "on: push\\n" }\n`)).rejects.toMatchObject({
      code: "validation_failed",
      details: { issues: [{ path: "body.agent.recipe", message: "recipe step 1 writes .github/workflows/ci.yml, a forbidden path here (.github/workflows/**, from platform-change-governance)" }] },
    });
    await expect(start("web-frontend", "refactor", NODE_20)).rejects.toMatchObject({
      details: { issues: [{ path: "body.agent.recipe", message: expect.stringMatching(/^recipe step 1 replaces in \.github\/workflows\/ci\.yml, forbidden here/) }] },
    });
    expect(await counts()).toEqual(before);
  });

  it("whose recipe may reach a workflow file is warned of it, and refused at the write", async () => {
    const { runId, state } = await start("web-frontend", "config_migration", `  - replace: { files: "**/*.yml", pattern: "node-version: 18", with: "node-version: 20", regex: false }\n`);
    expect(state).toBe("queued");
    const queued = (await events(runId))[0]!;
    expect(queued.data).toEqual({ likelyRefusals: [expect.stringMatching(/^recipe step 1 replaces in \*\*\/\*\.yml, which includes forbidden paths \(\.github\/workflows\/\*\*, from platform-change-governance; /)] });
    expect(await executeRun(runId)).toMatch(/^failed: /);
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ state: "failed", failureClass: "policy_denied" });
    const write = (await events(runId)).find((e) => e.kind === "tool_call" && (e.data as { tool: string }).tool === "write_file")!;
    expect(write.data).toMatchObject({
      status: "denied", decision: "deny", rule: null,
      explanation: "deny (boundary): .github/workflows/ci.yml is a forbidden path (.github/workflows/**, from platform-change-governance)",
    });
  });

  it("that changes a workflow file through a command fails on the diff, the patch kept as restricted evidence", async () => {
    const { runId } = await start("web-frontend", "config_migration", `  - run: sed -i s/node-version:.18/node-version:.20/ .github/workflows/ci.yml\n`);
    expect((await events(runId))[0]!.data).toEqual({ likelyRefusals: [expect.stringMatching(/^recipe step 1's command mentions \.github\/workflows\/ci\.yml, a forbidden path here/)] });
    expect(await executeRun(runId)).toMatch(/^failed: the change breaks the policy's boundary: \.github\/workflows\/ci\.yml is a forbidden path/);
    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { artifacts: true } });
    expect(run).toMatchObject({ state: "failed", failureClass: "policy_denied" });
    expect(run.boundaryReport).toMatchObject({ forbiddenPathsTouched: [{ path: ".github/workflows/ci.yml", pattern: ".github/workflows/**" }] });
    expect(run.artifacts[0]).toMatchObject({ kind: "patch", restricted: true });
  });
});
