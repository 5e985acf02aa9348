// A tenant's own verifier profile in the run pipeline (real database, sandbox and demo remote): a
// run keeps the profile it was admitted with, so an edit changes neither what it verifies nor which
// commands its agent may run as verifier commands; each step stops at its own time limit; a
// repository naming a profile its tenant lacks gets no run; a run without its copy fails closed.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db, Prisma } from "../db/client";
import { updateRepository } from "../repositories/update-repository";
import { ensureDemoRemotes } from "../repositories/demo-remotes";
import { createTask } from "../runs/create-task";
import { executeRun } from "../runs/execute-run";
import { createTestTenant } from "../test/create-tenant";
import { addPerson, ownApprovalQueues, runAs, type TestPerson, type TestTenant } from "../test/run-as";
import { createVerifierProfile } from "./create-verifier-profile";
import { updateVerifierProfile } from "./update-verifier-profile";
import { ZCreateVerifierProfile, type VerifierStepInput } from "./verifier-profile-input";

ownApprovalQueues("vp-runs");

let tenant: TestTenant;
let operator: TestPerson;
let admin: TestPerson;
let remote: string;

const BUILD: VerifierStepInput = { name: "build", argv: ["node", "-e", "console.log('custom build ran')"], timeoutSeconds: 30 };
const TESTS: VerifierStepInput = { name: "unit-tests", argv: ["node", "--test"], timeoutSeconds: 60 };

const asAdmin = <T>(fn: Parameters<typeof runAs<T>>[3]) => runAs(admin.id, tenant, "vp-runs", fn);
const profile = (name: string, steps: VerifierStepInput[]) => asAdmin((ctx) => createVerifierProfile(ctx, ZCreateVerifierProfile.parse({ name, steps })));
async function repository(name: string, verifierProfile: string): Promise<string> {
  const id = (await db.repository.create({ data: { tenantId: tenant.id, owner: "acme", name, remoteUrl: remote } })).id;
  await asAdmin((ctx) => updateRepository(ctx, id, { verifierProfile }));
  return id;
}
const recipe = (steps: string) => `apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: vp-test }\nsteps:\n${steps}`;
const start = (repositoryId: string, steps = `  - write: { path: NOTES.md, content: "x\\n" }\n`) =>
  runAs(operator.id, tenant, "vp-runs", (ctx) => createTask(ctx, {
    repositoryId, taskClass: "config_migration", instruction: "verifier profile test", autonomy: "dry_run_patch", agent: { kind: "recipe", recipe: recipe(steps) },
  }));
const runRow = (id: string) => db.run.findUniqueOrThrow({ where: { id } });
/** The policy's decision on the run's shell call, and the verifier commands it was decided with. */
const shellDecision = async (runId: string) => {
  const r = await db.decisionRecord.findFirstOrThrow({ where: { tenantId: tenant.id, subjectId: runId, action: "tool.shell" } });
  return { decision: r.decision, verifierCommands: (r.input as { context: { verifierCommands: string[] } }).context.verifierCommands };
};

beforeAll(async () => {
  tenant = await createTestTenant("vp-runs");
  operator = await addPerson(tenant, ["operator"], "operator");
  admin = await addPerson(tenant, ["tenant_admin"], "admin");
  remote = (await ensureDemoRemotes(mkdtempSync(path.join(tmpdir(), "fg-remotes-")))).get("acme/web-frontend")!;
});

describe("a run and its tenant's verifier profile", () => {
  it("keeps the steps it was admitted with: an edit changes neither what it verifies nor what its agent may run as a verifier command", async () => {
    const p = await profile("custom-node", [BUILD, TESTS]);
    const repo = await repository("custom-node", "custom-node");
    const steps = `  - write: { path: NOTES.md, content: "x\\n" }\n  - run: node --test\n`;
    const before = await start(repo, steps);
    expect(await runRow(before.runId)).toMatchObject({ state: "queued", verifierProfile: "custom-node", verifierSteps: [BUILD, TESTS] });

    // The edit drops node --test: a run admitted from now on neither verifies with it nor may run it unasked.
    const edited = [BUILD, { name: "unit-tests", argv: ["node", "-e", "process.exit(0)"], timeoutSeconds: 60 }];
    await asAdmin((ctx) => updateVerifierProfile(ctx, p.id, { steps: edited }));
    const after = await start(repo, steps);
    expect(await runRow(after.runId)).toMatchObject({ verifierProfile: "custom-node", verifierSteps: edited });
    expect(await runRow(before.runId)).toMatchObject({ state: "queued", verifierSteps: [BUILD, TESTS] });

    expect(await executeRun(before.runId)).toBe("succeeded");
    expect(await shellDecision(before.runId)).toEqual({ decision: "allow", verifierCommands: ["node -e 'console.log('\\''custom build ran'\\'')'", "node --test"] });
    const report = (await runRow(before.runId)).verifierReport as { profile: string; results: { name: string; argv: string[]; output: string; timeoutSeconds: number }[] };
    expect(report.profile).toBe("custom-node");
    expect(report.results.map((r) => [r.name, r.argv, r.timeoutSeconds])).toEqual([["build", BUILD.argv, 30], ["unit-tests", TESTS.argv, 60]]);
    expect(report.results[0]!.output).toContain("custom build ran");

    expect(await executeRun(after.runId)).toBe("waiting for approval");
    expect(await shellDecision(after.runId)).toEqual({ decision: "require_approval", verifierCommands: ["node -e 'console.log('\\''custom build ran'\\'')'", "node -e 'process.exit(0)'"] });
  });

  it("stops a step at its own time limit and fails the run as verifier_failed, saying so", async () => {
    await profile("slow-build", [{ name: "build", argv: ["node", "-e", "setTimeout(() => {}, 60000)"], timeoutSeconds: 1 }, TESTS]);
    const { runId } = await start(await repository("slow-build", "slow-build"));
    expect(await executeRun(runId)).toBe("failed: verifier build failed");
    expect(await runRow(runId)).toMatchObject({ state: "failed", failureClass: "verifier_failed" });
    const events = await db.runEvent.findMany({ where: { runId, kind: "verifier" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.message)).toEqual(["build: failed (stopped at its 1 s time limit)", "unit-tests: passed"]);
    expect(events[0]!.data).toMatchObject({ limit: "wall", passed: false, timeoutSeconds: 1 });
  });

  it("admits no run of a repository naming a profile its tenant does not have", async () => {
    const repo = await repository("orphan", "node-test");
    // As a GitHub sync leaves one, or a profile removed behind Fleetgate's back.
    await db.repository.update({ where: { id: repo }, data: { verifierProfile: "removed-profile" } });
    const runs = await db.run.count({ where: { tenantId: tenant.id } });
    await expect(start(repo)).rejects.toMatchObject({
      code: "validation_failed",
      message: `body.repositoryId: acme/orphan names verifier profile "removed-profile", which this tenant does not have: give the repository one of the tenant's profiles (Admin → Repositories) first`,
      details: { issues: [{ path: "body.repositoryId" }] },
    });
    expect(await db.run.count({ where: { tenantId: tenant.id } })).toBe(runs);
    expect(await db.task.count({ where: { tenantId: tenant.id, repositoryId: repo } })).toBe(0);
  });

  it("fails closed, before any work, a run that carries no copy of its profile", async () => {
    const { runId } = await start(await repository("no-copy", "node-test"));
    await db.run.update({ where: { id: runId }, data: { verifierProfile: null, verifierSteps: Prisma.DbNull } });
    expect(await executeRun(runId)).toBe(`failed: run ${runId} carries no copy of its verifier profile (it was not admitted through Fleetgate's API), so it cannot be verified: retry it to admit a new run`);
    expect(await runRow(runId)).toMatchObject({ state: "failed", failureClass: "infrastructure", baseSha: null, toolCalls: 0 });
  });
});
