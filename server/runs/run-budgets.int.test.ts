// Budgets in the worker, end to end: model runs against a scripted model server, recipe runs in a
// real sandbox, on a demo remote. A hard budget stops a run before the step that would cross it,
// naming the budget, and spend never passes the limit; with onExhausted "approval" the run waits
// for a budget_raise approval, and resumes (approved) or ends budget_exhausted (denied); sandbox
// commands are costed by their wall time; a crashed worker's hold is settled at its amount by the
// sweep, and calendar periods open on schedule.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startScriptedModelServer, step, type ScriptStep, type ScriptedModelServer } from "../agent/testing/scripted-model-server";
import { voteOnApproval } from "../approvals/vote-on-approval";
import { openPeriods } from "../cost/open-periods";
import { reserveCost } from "../cost/reserve-cost";
import { db } from "../db/client";
import { setModelEndpoint } from "../model-endpoints/set-model-endpoint";
import { ensureDemoRemotes } from "../repositories/demo-remotes";
import { createTestTenant } from "../test/create-tenant";
import { addPerson, ownApprovalQueues, runAs, type TestPerson, type TestTenant } from "../test/run-as";
import { applyOutcome } from "../wiring/approval-consumers";
import { JOB_HANDLERS } from "../wiring/job-handlers";
import { createTask } from "./create-task";
import { executeRun } from "./execute-run";

ownApprovalQueues("run-budgets");

let tenant: TestTenant;
let admin: TestPerson;
let operator: TestPerson;
let repositoryId: string;
const servers: ScriptedModelServer[] = [];

// gpt-test, for this tenant: input free, $1 per million output tokens (1 micro-unit a token), so a
// request's worst case is its max_tokens (100) whatever its size, and its cost the tokens it wrote.
const MAX_TOKENS = 100;
const used = (completionTokens: number) => ({ promptTokens: 500, completionTokens });

beforeAll(async () => {
  tenant = await createTestTenant("run-budgets");
  admin = await addPerson(tenant, ["tenant_admin"], "tenant-admin");
  operator = await addPerson(tenant, ["operator"], "operator");
  const remotes = await ensureDemoRemotes(mkdtempSync(path.join(tmpdir(), "fg-remotes-")));
  repositoryId = (await db.repository.create({ data: { tenantId: tenant.id, owner: "acme", name: "web-frontend", remoteUrl: remotes.get("acme/web-frontend")!, verifierProfile: "node-test" } })).id;
  await db.price.create({
    data: { scope: tenant.id, tenantId: tenant.id, kind: "model", subject: "gpt-test", version: 1, inputMicros: 0n, outputMicros: 1_000_000n, cachedMicros: 0n, effectiveFrom: new Date("2026-01-01T00:00:00Z"), createdByLabel: "test" },
  });
});

afterAll(async () => {
  for (const s of servers) await s.close();
});

/** The tenant's only budget from now on (earlier tests' are archived). */
async function onlyBudget(b: { name: string; scope: string; mode: string; limitMicros: bigint; period: string; onExhausted?: string }) {
  await db.budget.updateMany({ where: { tenantId: tenant.id, archivedAt: null }, data: { archivedAt: new Date() } });
  return db.budget.create({ data: { tenantId: tenant.id, createdByLabel: "test", ...b } });
}

async function modelRun(...script: ScriptStep[]) {
  const server = await startScriptedModelServer(script);
  servers.push(server);
  await runAs(admin.id, tenant, "run-budgets", (ctx) => setModelEndpoint(ctx, { baseUrl: server.url, model: "gpt-test", maxTurns: 20, maxOutputTokens: MAX_TOKENS, timeoutMs: 10_000 }));
  const { runId } = await runAs(operator.id, tenant, "run-budgets", (ctx) => createTask(ctx, {
    repositoryId, taskClass: "config_migration", instruction: "Write some notes.", autonomy: "dry_run_patch", agent: { kind: "model" },
  }));
  return { server, runId };
}

const recipeRun = (steps: string) => runAs(operator.id, tenant, "run-budgets", (ctx) => createTask(ctx, {
  repositoryId, taskClass: "config_migration", instruction: "test", autonomy: "dry_run_patch",
  agent: { kind: "recipe", recipe: `apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: budget-recipe }\nsteps:\n${steps}` },
}));

const periodOf = (budgetId: string) => db.budgetPeriod.findFirstOrThrow({ where: { budgetId } });
const holdsOf = (runId: string) => db.costReservation.findMany({ where: { runId }, orderBy: { createdAt: "asc" } });

/** Three model calls of 60 tokens fit a 250 budget (each first holds 100); the fourth would not. */
const THREE_THEN_MORE = [
  step.call("write_file", { path: "NOTES.md", content: "notes\n" }, used(60)),
  step.call("list_files", {}, used(60)),
  step.call("list_files", {}, used(60)),
];

describe("a hard run budget", () => {
  it("stops a model run before the request that would cross it, as budget_exhausted naming the budget; spend never passes the limit", async () => {
    const budget = await onlyBudget({ name: "Per-run cap", scope: "run", mode: "hard", limitMicros: 250n, period: "run" });
    const { server, runId } = await modelRun(...THREE_THEN_MORE, step.finish("never asked"));
    expect(await executeRun(runId)).toMatch(/^failed: /);
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ state: "failed", failureClass: "budget_exhausted", costMicros: 180n, modelCalls: 3, budgetWait: null });
    expect(run.failureMessage).toBe('stopped before model request 4: the hard run budget "Per-run cap" has $0.00007 left of $0.00025 ($0.00018 spent, $0.00 reserved); the next model request needs up to $0.0001');
    expect(server.requests).toHaveLength(3);
    for (const r of server.requests) expect((r.body as { max_tokens: number }).max_tokens).toBe(MAX_TOKENS);
    const period = await periodOf(budget.id);
    expect(period).toMatchObject({ periodKey: runId, spentMicros: 180n, reservedMicros: 0n });
    expect(period.spentMicros).toBeLessThanOrEqual(budget.limitMicros);
    // Each hold ended once, settled with what the answer said; nothing is left reserved.
    expect((await holdsOf(runId)).map((h) => [h.state, h.amountMicros])).toEqual([["settled", 100n], ["settled", 100n], ["settled", 100n]]);
    const failed = await db.runEvent.findFirstOrThrow({ where: { runId, kind: "transition", toState: "failed" } });
    expect(failed.message).toContain('"Per-run cap"');
  });

  it("with onExhausted approval, makes the run wait for a budget_raise; approved, the limit is raised and the run resumes and finishes", async () => {
    const budget = await onlyBudget({ name: "Per-run cap (ask)", scope: "run", mode: "hard", limitMicros: 250n, period: "run", onExhausted: "approval" });
    const { server, runId } = await modelRun(...THREE_THEN_MORE, step.finish("Wrote the notes.", used(60)));
    expect(await executeRun(runId)).toBe("waiting for approval");
    expect(server.requests).toHaveLength(3);
    const waiting = await db.run.findUniqueOrThrow({ where: { id: runId } });
    // limit + max(needed 100, a quarter of 250), rounded up to a cent.
    expect(waiting).toMatchObject({
      state: "awaiting_approval", failureClass: null, leaseOwner: null,
      budgetWait: {
        budgetId: budget.id, budgetName: "Per-run cap (ask)", scope: "run", limitMicros: "250", spentMicros: "180", reservedMicros: "0", neededMicros: "100",
        proposedLimitMicros: "10000", approvalId: waiting.approvalId,
      },
    });
    const approval = await db.approvalRequest.findUniqueOrThrow({ where: { id: waiting.approvalId! } });
    expect(approval).toMatchObject({ kind: "budget_raise", subjectType: "run", subjectId: runId, state: "pending", eligibleRoles: ["platform_admin", "tenant_admin"] });
    expect(approval.proposal).toMatchObject({ budget: { id: budget.id, name: "Per-run cap (ask)" }, limit: "0.000250", spent: "0.000180", reserved: "0.000000", needed: "0.000100", proposedLimit: "0.010000" });

    await runAs(admin.id, tenant, "run-budgets", (ctx) => voteOnApproval(ctx, approval.id, { vote: "approve" }));
    expect((await applyOutcome(approval.id)).result).toBe("the budget was raised; the run is queued again");
    expect(await db.budget.findUniqueOrThrow({ where: { id: budget.id } })).toMatchObject({ limitMicros: 10_000n });
    const raised = await db.auditEvent.findFirstOrThrow({ where: { tenantId: tenant.id, action: "budget.raised", resourceId: budget.id } });
    expect(raised.before).toEqual({ limitMicros: "250" });
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ state: "queued", budgetWait: null });

    // The resumed run asks again for the request it was refused, with the conversation as it was.
    expect(await executeRun(runId)).toBe("succeeded");
    expect(server.requests).toHaveLength(4);
    const [third, fourth] = [server.requests[2]!, server.requests[3]!].map((r) => (r.body as { messages: unknown[] }).messages);
    expect(fourth!.slice(0, third!.length)).toEqual(third);
    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { costs: true } });
    expect(run.costs.filter((c) => c.kind === "model").map((c) => c.costMicros)).toEqual([60n, 60n, 60n, 60n]);
    expect(run.costs.filter((c) => c.kind === "verifier").map((c) => c.subject)).toEqual(["verifier_minute", "verifier_minute"]);
    expect(run.costMicros).toBe(run.costs.reduce((s, c) => s + c.costMicros, 0n));
    const period = await periodOf(budget.id);
    expect(period).toMatchObject({ spentMicros: run.costMicros, reservedMicros: 0n });
    expect((await holdsOf(runId)).every((h) => h.state === "settled")).toBe(true);
  });

  it("with onExhausted approval, denied: the run ends budget_exhausted naming the budget, and the limit stays", async () => {
    const budget = await onlyBudget({ name: "Per-run cap (denied)", scope: "run", mode: "hard", limitMicros: 250n, period: "run", onExhausted: "approval" });
    const { runId } = await modelRun(...THREE_THEN_MORE, step.finish("never asked"));
    expect(await executeRun(runId)).toBe("waiting for approval");
    const { approvalId } = await db.run.findUniqueOrThrow({ where: { id: runId } });
    await runAs(admin.id, tenant, "run-budgets", (ctx) => voteOnApproval(ctx, approvalId!, { vote: "deny", reason: "not this month" }));
    expect((await applyOutcome(approvalId!)).result).toBe("the run failed: its budget was not raised");
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ state: "failed", failureClass: "budget_exhausted", budgetWait: null, costMicros: 180n });
    expect(run.failureMessage).toMatch(/^the run budget "Per-run cap \(denied\)" was not raised \(approval denied by .*: not this month\): \$0\.00018 spent of \$0\.00025, and the next model request needed up to \$0\.0001$/);
    expect(await db.budget.findUniqueOrThrow({ where: { id: budget.id } })).toMatchObject({ limitMicros: 250n });
    expect(await db.auditEvent.count({ where: { tenantId: tenant.id, action: "budget.raised", resourceId: budget.id } })).toBe(0);
  });
});

describe("a verifier step", () => {
  it("does not run under a hard run budget without room for its time limit: the run ends budget_exhausted naming the budget", async () => {
    await onlyBudget({ name: "Per-run no verify", scope: "run", mode: "hard", limitMicros: 1_000n, period: "run" });
    const { runId } = await recipeRun(`  - write: { path: NOTES.md, content: "hello\\n" }\n`);
    expect(await executeRun(runId)).toMatch(/^failed: /);
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ state: "failed", failureClass: "budget_exhausted", costMicros: 0n, verifierReport: null });
    // A step's timeoutSeconds (60 s) at $0.002 a minute.
    expect(run.failureMessage).toBe('stopped before verifier step build: the hard run budget "Per-run no verify" has $0.0010 left of $0.0010 ($0.00 spent, $0.00 reserved); verifier step build needs up to $0.0020');
    expect(await holdsOf(runId)).toEqual([]);
  });
});

describe("a sandbox command", () => {
  it("is costed by its wall time at the sandbox price in force", async () => {
    await onlyBudget({ name: "Tenant month", scope: "tenant", mode: "soft", limitMicros: 100_000_000n, period: "month" });
    const { runId } = await recipeRun(`  - write: { path: NOTES.md, content: "hello\\n" }\n  - run: cat NOTES.md\n`);
    expect(await executeRun(runId)).toBe("succeeded");
    const sandbox = await db.costEntry.findMany({ where: { runId, kind: "sandbox" } });
    expect(sandbox).toHaveLength(1);
    const [entry] = sandbox;
    // $0.00003 a second (the platform's price), rounded up.
    expect(entry).toMatchObject({ subject: "sandbox_second", priceId: "price_platform_resource_sandbox", expired: false, teamId: null, repositoryId, taskClass: "config_migration" });
    expect(entry!.quantity).toBeGreaterThan(0);
    expect(entry!.costMicros).toBe(BigInt(Math.ceil((entry!.quantity * 30) / 1000)));
    // Held first at its time limit (60 s: 1,800 micro-units), then settled with what it used.
    const hold = await db.costReservation.findUniqueOrThrow({ where: { id: entry!.reservationId! } });
    expect(hold).toMatchObject({ kind: "sandbox", amountMicros: 1_800n, state: "settled" });
  });

  it("does not run under a hard budget without room for its time limit: the run ends budget_exhausted naming the budget", async () => {
    const budget = await onlyBudget({ name: "Tiny day", scope: "tenant", mode: "hard", limitMicros: 100n, period: "day" });
    const { runId } = await recipeRun(`  - write: { path: NOTES.md, content: "hello\\n" }\n  - run: touch RAN\n`);
    expect(await executeRun(runId)).toMatch(/^failed: /);
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(run).toMatchObject({ state: "failed", failureClass: "budget_exhausted", costMicros: 0n });
    expect(run.failureMessage).toMatch(/^stopped before the command `touch RAN`: the hard tenant budget "Tiny day" has \$0\.0001 left of \$0\.0001 .*needs up to \$0\.0018$/);
    const calls = await db.runEvent.findMany({ where: { runId, kind: "tool_call" }, orderBy: { seq: "asc" } });
    expect(calls.map((c) => [(c.data as { tool: string }).tool, (c.data as { status: string }).status])).toEqual([["write_file", "ok"], ["run_shell", "denied"]]);
    expect((calls[1]!.data as { output: string }).output).toContain('"Tiny day"');
    expect(await holdsOf(runId)).toEqual([]);
    // A refused hold writes nothing, not even the period it would have opened.
    expect(await db.budgetPeriod.count({ where: { budgetId: budget.id } })).toBe(0);
  });
});

describe("a budget raise asked for by a command or a verifier step", () => {
  const approve = async (runId: string, kind: string) => {
    const { approvalId } = await db.run.findUniqueOrThrow({ where: { id: runId } });
    const approval = await db.approvalRequest.findUniqueOrThrow({ where: { id: approvalId! } });
    expect(approval.kind).toBe(kind);
    await runAs(admin.id, tenant, "run-budgets", (ctx) => voteOnApproval(ctx, approval.id, { vote: "approve", reason: "ok" }));
    await applyOutcome(approval.id);
  };

  it("a command approved by a person, then refused by the budget, waits for the raise and runs once it is granted, without asking the person again", async () => {
    const budget = await onlyBudget({ name: "Ask day", scope: "tenant", mode: "hard", limitMicros: 1_000n, period: "day", onExhausted: "approval" });
    // Inline interpreter code: the policy asks a person first.
    const { runId } = await recipeRun(`  - write: { path: NOTES.md, content: "hello\\n" }\n  - run: node -e "console.log(6 * 7)"\n`);
    expect(await executeRun(runId)).toBe("waiting for approval");
    await approve(runId, "tool_call");
    // The command's time limit (1,800) does not fit: the run waits again, the call still approved.
    expect(await executeRun(runId)).toBe("waiting for approval");
    const waiting = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(waiting.budgetWait).toMatchObject({ budgetId: budget.id, scope: "tenant", limitMicros: "1000", spentMicros: "0", neededMicros: "1800", proposedLimitMicros: "10000" });
    expect(waiting.pendingToolCall).not.toBeNull();
    await approve(runId, "budget_raise");
    expect(await executeRun(runId)).toBe("succeeded");
    expect(await db.approvalRequest.groupBy({ by: ["kind"], where: { subjectId: runId }, _count: true })).toEqual(expect.arrayContaining([{ kind: "tool_call", _count: 1 }, { kind: "budget_raise", _count: 1 }]));
    const shell = await db.runEvent.findMany({ where: { runId, kind: "tool_call", data: { path: ["tool"], equals: "run_shell" } } });
    expect(shell.map((e) => [(e.data as { status: string }).status, (e.data as { output: string }).output])).toEqual([["ok", expect.stringContaining("42")]]);
    expect(await db.costEntry.count({ where: { runId, kind: "sandbox" } })).toBe(1);
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ pendingToolCall: null, approvalId: null, budgetWait: null });
  });

  it("a verifier step waits for the raise; the resumed run finishes its agent where it was and verifies", async () => {
    await onlyBudget({ name: "Per-run verify", scope: "run", mode: "hard", limitMicros: 1_000n, period: "run", onExhausted: "approval" });
    const { runId } = await recipeRun(`  - write: { path: NOTES.md, content: "hello\\n" }\n`);
    expect(await executeRun(runId)).toBe("waiting for approval");
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).budgetWait).toMatchObject({ what: "verifier step build", neededMicros: "2000", proposedLimitMicros: "10000" });
    await approve(runId, "budget_raise");
    expect(await executeRun(runId)).toBe("succeeded");
    const moves = await db.runEvent.findMany({ where: { runId, kind: "transition" }, orderBy: { seq: "asc" } });
    expect(moves.map((e) => e.toState)).toEqual(["queued", "preparing", "running", "verifying", "awaiting_approval", "queued", "preparing", "running", "verifying", "succeeded"]);
    expect(await db.costEntry.count({ where: { runId, kind: "verifier" } })).toBe(2);
  });
});

describe("the cost sweeps", () => {
  const handler = (name: string) => JOB_HANDLERS.find((h) => h.job.name === name)!;

  it("cost.expire-reservations settles a crashed worker's hold at its reserved amount, marked expired", async () => {
    const budget = await onlyBudget({ name: "Crash day", scope: "tenant", mode: "hard", limitMicros: 1_000_000n, period: "day" });
    const work = { tenantId: tenant.id, runId: null, teamId: null, repositoryId: null, campaignId: null, taskClass: null };
    const held = await reserveCost(work, { kind: "model", subject: "gpt-test", amountMicros: 4_321n, priceId: "price_platform_model_default", defaulted: true, ttlMs: -1_000 });
    if (!held.ok) throw new Error("not reserved");
    expect(await periodOf(budget.id)).toMatchObject({ spentMicros: 0n, reservedMicros: 4_321n });

    await handler("cost.expire-reservations").handle({}, { jobId: "t", attempt: 1 });
    expect(await db.costReservation.findUniqueOrThrow({ where: { id: held.reservation.reservationId } })).toMatchObject({ state: "settled" });
    expect(await db.costEntry.findUniqueOrThrow({ where: { reservationId: held.reservation.reservationId } })).toMatchObject({ costMicros: 4_321n, expired: true, kind: "model" });
    expect(await periodOf(budget.id)).toMatchObject({ spentMicros: 4_321n, reservedMicros: 0n });
    // Once: a second sweep finds nothing to settle.
    await handler("cost.expire-reservations").handle({}, { jobId: "t", attempt: 1 });
    expect(await periodOf(budget.id)).toMatchObject({ spentMicros: 4_321n });
  });

  it("cost.open-periods opens each calendar budget's current period with nothing spent, once", async () => {
    const budget = await onlyBudget({ name: "Weekly", scope: "tenant", mode: "soft", limitMicros: 5_000_000n, period: "week" });
    const monday = new Date("2026-12-07T00:00:00Z");
    expect(await db.budgetPeriod.count({ where: { budgetId: budget.id } })).toBe(0);
    await openPeriods(new Date("2026-12-09T13:00:00Z"));
    await openPeriods(new Date("2026-12-13T23:59:00Z"));
    await handler("cost.open-periods").handle({}, { jobId: "t", attempt: 1 });
    const periods = await db.budgetPeriod.findMany({ where: { budgetId: budget.id }, orderBy: { startsAt: "asc" } });
    expect(periods[0]).toMatchObject({ periodKey: "2026-12-07", startsAt: monday, endsAt: new Date("2026-12-14T00:00:00Z"), spentMicros: 0n, reservedMicros: 0n });
    expect(periods.filter((p) => p.periodKey === "2026-12-07")).toHaveLength(1);
    // Run budgets and archived ones get no calendar period.
    const archived = await db.budget.findMany({ where: { tenantId: tenant.id, archivedAt: { not: null }, period: "run" }, select: { id: true } });
    expect(await db.budgetPeriod.count({ where: { budgetId: { in: archived.map((b) => b.id) }, periodKey: "2026-12-07" } })).toBe(0);
  });
});
