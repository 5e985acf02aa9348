// A worker process killed in the middle of a run: the run is taken again by another worker and
// finishes exactly once, its completed attempt making each tool call once. Also what keeps a busy
// queue sane: the reconciler adds no second job for a run whose job still waits, and a lease is
// held (not lost) while its run is still queued.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { env } from "../env";
import { createRedis } from "../jobs/redis";
import { startWorkers, type RunningWorkers } from "../jobs/start-workers";
import { JOB_HANDLERS } from "../wiring/job-handlers";
import { ensureDemoRemotes } from "../repositories/demo-remotes";
import { createTestTenant } from "../test/create-tenant";
import { addPerson, ownApprovalQueues, runAs, type TestPerson, type TestTenant } from "../test/run-as";
import { createTask } from "./create-task";
import { reconcileRuns } from "./reconcile-runs";
import { RUNS_QUEUE } from "./run-jobs";
import { acquireLease, renewLease } from "./run-lease";

const prefix = ownApprovalQueues("crash");

let tenant: TestTenant;
let operator: TestPerson;
let repositoryId: string;
const children: ChildProcess[] = [];

const recipe = (steps: string) => `apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: crash-test }\nsteps:\n${steps}`;
const start = (steps: string) =>
  runAs(operator.id, tenant, "crash", (ctx) => createTask(ctx, {
    repositoryId, taskClass: "docs_update", instruction: "crash test", autonomy: "dry_run_patch", agent: { kind: "recipe", recipe: recipe(steps) },
  }));

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** workers/main.ts as a process of its own, on this file's queues and the test database. */
async function workerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/main.ts", "--concurrency", "1"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { ...process.env, DATABASE_URL: env().DATABASE_URL, QUEUE_PREFIX: prefix, RUNS_DIR: env().RUNS_DIR, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (c: Buffer) => { if (c.toString().includes("fleetgate worker: consuming")) resolve(); });
    child.once("exit", (code, signal) => reject(new Error(`the worker exited with ${code ?? signal}`)));
  });
  return child;
}

beforeAll(async () => {
  tenant = await createTestTenant("crash");
  operator = await addPerson(tenant, ["operator"], "operator");
  const remotes = await ensureDemoRemotes(mkdtempSync(path.join(tmpdir(), "fg-remotes-")));
  repositoryId = (await db.repository.create({ data: { tenantId: tenant.id, owner: "acme", name: "docs-site", remoteUrl: remotes.get("acme/docs-site")!, verifierProfile: "node-test" } })).id;
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
});

describe("a worker killed mid-run", () => {
  // A worker process of its own: on a busy machine it alone takes tens of seconds to start.
  it("the run is restarted by another worker and succeeds once; the completed attempt makes each call once", { timeout: 240_000 }, async () => {
    const { runId } = await start(`  - write: { path: CRASH.md, content: "once\\n" }\n  - run: sleep 2 && cat CRASH.md\n`);
    const a = await workerProcess();
    // Killed while its sandboxed command runs: the write is on the timeline, the command not yet.
    await until("the first worker's write", () => db.runEvent.findFirst({ where: { runId, kind: "tool_call" } }));
    const killed = once(a, "exit");
    a.kill("SIGKILL");
    await killed;
    const held = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(held).toMatchObject({ state: "running", leaseOwner: expect.stringContaining(`:${a.pid}:`), leaseCount: 1 });

    const b: RunningWorkers = await startWorkers(JOB_HANDLERS, { schedule: false, concurrency: 1 });
    try {
      // Nothing beats for the dead worker; its lease runs out (15 s, brought forward here).
      await db.run.update({ where: { id: runId }, data: { leaseExpiresAt: new Date(Date.now() - 1_000) } });
      expect((await reconcileRuns()).requeued).toBeGreaterThanOrEqual(1);
      const done = await until("the run to end", async () => {
        const r = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { artifacts: true } });
        return ["succeeded", "failed", "cancelled"].includes(r.state) && r;
      });
      expect(done).toMatchObject({ state: "succeeded", leaseCount: 2, leaseOwner: null });
      expect(done.artifacts).toHaveLength(1);
    } finally {
      await b.close();
    }
    const timeline = await db.runEvent.findMany({ where: { runId }, orderBy: { seq: "asc" } });
    const transitions = timeline.filter((e) => e.kind === "transition");
    expect(transitions.map((e) => e.toState)).toEqual(["queued", "preparing", "running", "preparing", "running", "verifying", "succeeded"]);
    expect(transitions[1]!.message).toContain(`taken by`);
    expect(transitions[1]!.message).toContain(`:${a.pid}:`);
    expect(transitions[3]!.message).toMatch(new RegExp(`^restarted by [^ ]+:${process.pid}:`));
    const restart = transitions[3]!.seq;
    const calls = (after: boolean) => timeline.filter((e) => e.kind === "tool_call" && (e.seq > restart) === after).map((e) => (e.data as { tool: string }).tool);
    expect(calls(false)).toEqual(["write_file"]);
    expect(calls(true)).toEqual(["write_file", "run_shell", "finish"]);
  });
});

describe("keeping the queue sane", () => {
  it("the reconciler adds no second job for a queued run whose job still waits, and replaces a finished one", async () => {
    const queue = new Queue(RUNS_QUEUE, { connection: createRedis(), prefix });
    try {
      const { runId } = await start(`  - write: { path: A.md, content: "a\\n" }\n`);
      // No worker consumes this queue now: the run's job waits, as behind a busy fleet.
      await db.run.update({ where: { id: runId }, data: { updatedAt: new Date(Date.now() - 60_000) } });
      const mine = async () => (await queue.getJobs(["waiting", "completed"])).filter((j) => j.data.runId === runId);
      expect(await mine()).toHaveLength(1);
      await reconcileRuns();
      await reconcileRuns();
      expect((await mine()).map((j) => j.id)).toEqual([`run-${runId}-0`]);
      // Its job finishes without taking the run: the tenant's scheduler is paused. While paused the
      // reconciler leaves the run alone (the resume enqueues it).
      await db.schedulerPause.create({ data: { scope: tenant.id, tenantId: tenant.id, reason: "test", pausedByLabel: "test" } });
      const w = await startWorkers(JOB_HANDLERS, { schedule: false, concurrency: 1 });
      try {
        await until("the job to finish", async () => (await queue.getJob(`run-${runId}-0`))?.isCompleted());
      } finally {
        await w.close();
      }
      await db.run.update({ where: { id: runId }, data: { updatedAt: new Date(Date.now() - 60_000) } });
      await reconcileRuns();
      expect(await queue.getJobState(`run-${runId}-0`)).toBe("completed");
      // The resume's own enqueue was lost: the next round replaces the finished job with a waiting one.
      await db.schedulerPause.deleteMany({ where: { scope: tenant.id } });
      await reconcileRuns();
      expect(await queue.getJobState(`run-${runId}-0`)).toBe("waiting");
      expect((await mine()).map((j) => j.id)).toEqual([`run-${runId}-0`]);
    } finally {
      await queue.close();
    }
  });

  it("a lease taken on a queued run is renewed, not reported lost, until the run moves", async () => {
    const { runId } = await start(`  - write: { path: B.md, content: "b\\n" }\n`);
    expect(await acquireLease(runId, "worker-x")).toMatchObject({ state: "queued", leaseCount: 1 });
    expect(await renewLease(runId, "worker-x")).toEqual({ cancelRequested: false });
    expect(await renewLease(runId, "worker-y")).toBeNull();
  });
});
