// Figure (k): many trivial recipe runs (one write, one sandboxed `cat`, node-test verifiers)
// through 4 worker slots: four worker processes of concurrency 1 (workers/main.ts --concurrency 1),
// first left alone, then with one of them killed with SIGKILL every 10 s and a replacement started
// at once, as a supervisor would. What the database must show afterwards:
//  - none lost: every run terminal, succeeded (or failed as infrastructure after MAX_LEASES takes);
//  - none run twice: one transition to succeeded per run, one patch, the last attempt's three tool
//    calls exactly once; a run with more than one attempt was restarted, and only after the worker
//    of its previous attempt had been killed (the owner named in each start transition carries the
//    worker's pid), and nothing that worker wrote is dated after its kill: no two workers ever held
//    the run together.
// `npm run bench -- k --runs=100` sets the runs per phase (default 1,000); each phase gives up
// after 10 minutes (`--minutes=N` to give it longer); `--phase=steady|crash` runs only one phase.
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { Queue } from "bullmq";
import { db } from "../server/db/client";
import { createRedis } from "../server/jobs/redis";
import { RUNS_QUEUE } from "../server/runs/run-jobs";
import type { BenchArgs } from "./args";
import { figure } from "./figure";
import { prepareRunBench, type RunBench, type WorkerProcess } from "./run-fixture";
import { cpuMeter, fmt, heading, ms } from "./stats";

const SLOTS = 4;
const KILL_EVERY_MS = 10_000;
/** createTask calls in flight at once while the runs are submitted. */
const LANES = 4;

export async function benchRunFleet(databaseUrl: string, { runs, minutes, phase: only }: Pick<BenchArgs, "runs" | "minutes" | "phase">): Promise<void> {
  heading(`(k) ${fmt(runs)} trivial recipe runs through ${SLOTS} worker slots (${SLOTS} worker processes, --concurrency 1), node-test verifiers`);
  for (const crash of only ? [only === "crash"] : [false, true]) {
    const bench = await prepareRunBench(databaseUrl, `fleet${crash ? "-crash" : ""}`, { repo: ["acme/docs-site", "node-test"] });
    try {
      await phase(bench, runs, crash, minutes * 60_000);
    } finally {
      await bench.close();
    }
  }
}

type Kill = { pid: number; at: number };

async function phase(bench: RunBench, runs: number, crash: boolean, limitMs: number): Promise<void> {
  console.log(crash ? `\n  with a worker killed (SIGKILL) every ${KILL_EVERY_MS / 1000} s, a replacement started after each kill:` : "\n  no failures:");
  const workers: WorkerProcess[] = await Promise.all(Array.from({ length: SLOTS }, () => bench.worker(["--concurrency", "1"])));
  const kills: Kill[] = [];
  const redis = createRedis();
  const queue = new Queue(RUNS_QUEUE, { connection: redis, prefix: bench.prefix });
  let maxWaiting = 0;
  let running = true;
  // The runs queue's depth, every second: duplicates piling up beyond the runs themselves would be a reconciler storm.
  const sampler = (async () => {
    while (running) {
      const c = await queue.getJobCounts("waiting", "active", "delayed", "prioritized");
      maxWaiting = Math.max(maxWaiting, (c.waiting ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0));
      await new Promise((r) => setTimeout(r, 1_000));
    }
  })();
  // Every 10 s, whatever the replacements' start-up takes: the oldest live worker is killed and a
  // replacement started beside it (not awaited, as a supervisor restarts without pausing the clock).
  const starting: Promise<void>[] = [];
  const killer = crash ? (async () => {
    while (running) {
      await new Promise((r) => setTimeout(r, KILL_EVERY_MS));
      if (!running) break;
      const victim = workers.shift();
      if (!victim) continue;
      kills.push({ pid: victim.pid, at: Date.now() });
      await victim.kill("SIGKILL");
      starting.push(bench.worker(["--concurrency", "1"]).then((w) => { workers.push(w); }, (e: Error) => console.log(`    a replacement worker did not start: ${e.message}`)));
    }
    await Promise.all(starting);
  })() : Promise.resolve();

  const cpu = cpuMeter();
  const load0 = loadavg()[0]!;
  const started = Date.now();
  const t0 = performance.now();
  const ids: string[] = [];
  let submitted = 0;
  await Promise.all(Array.from({ length: LANES }, async () => {
    while (submitted < runs) {
      const i = submitted++;
      ids.push(await bench.start(bench.repos.repo!, `run ${i} ${randomBytes(3).toString("hex")}`));
    }
  }));
  const submitMs = performance.now() - t0;
  const tenantId = (await db.run.findUniqueOrThrow({ where: { id: ids[0]! }, select: { tenantId: true } })).tenantId;
  const deadline = started + limitMs;
  let open = runs;
  while (Date.now() < deadline) {
    open = await db.run.count({ where: { tenantId, state: { notIn: ["succeeded", "failed", "cancelled"] } } });
    if (!open) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  running = false;
  await killer;
  await sampler;
  const usage = cpu();
  await queue.close();
  redis.disconnect();

  const rows = await db.run.findMany({ where: { tenantId }, select: { id: true, state: true, failureClass: true, failureMessage: true, leaseCount: true, finishedAt: true, queuedAt: true, _count: { select: { artifacts: true } } } });
  const last = Math.max(...rows.filter((r) => r.finishedAt).map((r) => r.finishedAt!.getTime()));
  const wall = last - started;
  const byState = new Map<string, number>();
  for (const r of rows) {
    const k = r.state === "succeeded" ? "succeeded" : `${r.state}${r.failureClass ? `/${r.failureClass}` : ""}${r.failureMessage ? `: ${r.failureMessage.slice(0, 120)}` : ""}`;
    byState.set(k, (byState.get(k) ?? 0) + 1);
  }
  console.log(`    ${fmt(runs)} runs submitted in ${ms(submitMs)} (${LANES} createTask calls at a time); ${open ? `${open} NOT TERMINAL after ${limitMs / 60_000} min` : "all terminal"}`);
  const perSecond = rows.filter((r) => r.finishedAt).length / (wall / 1000);
  console.log(`    wall time first submit -> last run ended: ${fmt(wall / 1000, 1)} s, ${fmt(perSecond, 1)} runs/s`);
  for (const [k, n] of [...byState].sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(6)} ${k}`);
  const anomalies = await checkOnce(tenantId, kills);
  const restarted = rows.filter((r) => r.leaseCount > 1).length;
  console.log(`    restarted (taken by more than one worker): ${restarted}; kills: ${kills.length}; most jobs waiting in the runs queue at once: ${fmt(maxWaiting)}`);
  console.log(`    runs with more than one patch artifact: ${rows.filter((r) => r._count.artifacts > 1).length}; succeeded without a patch: ${rows.filter((r) => r.state === "succeeded" && r._count.artifacts !== 1).length}`);
  console.log(`    ${usage}; load average ${fmt(load0, 1)} -> ${fmt(loadavg()[0]!, 1)}`);
  if (anomalies.length) {
    console.log(`    ${anomalies.length} ANOMALIES, e.g.:`);
    for (const a of anomalies.slice(0, 10)) console.log(`      ${a}`);
  } else {
    console.log("    no run executed twice or by two workers at once");
  }
  figure(crash ? "(k) runs through 4 slots, a SIGKILL every 10 s" : "(k) runs through 4 slots, no failures", perSecond, "runs/s");
}

type Ev = { runId: string; seq: number; kind: string; toState: string | null; message: string; at: Date; data: unknown };

const OWNER = /(?:taken|restarted|resumed) by ([^\s:]+:(\d+):[0-9a-f]{6})/;

/** What the timeline of every run must show if none ran twice; one line per anomaly. */
async function checkOnce(tenantId: string, kills: Kill[]): Promise<string[]> {
  const killedAt = new Map(kills.map((k) => [k.pid, k.at]));
  const events: Ev[] = await db.runEvent.findMany({ where: { tenantId }, orderBy: [{ runId: "asc" }, { seq: "asc" }], select: { runId: true, seq: true, kind: true, toState: true, message: true, at: true, data: true } });
  const byRun = new Map<string, Ev[]>();
  for (const e of events) byRun.set(e.runId, [...(byRun.get(e.runId) ?? []), e]);
  const out: string[] = [];
  for (const [runId, evs] of byRun) {
    const succeeded = evs.filter((e) => e.kind === "transition" && e.toState === "succeeded").length;
    if (succeeded > 1) out.push(`${runId}: ${succeeded} transitions to succeeded`);
    // Attempts: each start (to preparing) opens one, with the owner it names.
    const attempts: { owner: string; pid: number; start: Date; events: Ev[] }[] = [];
    for (const e of evs) {
      if (e.kind === "transition" && e.toState === "preparing") {
        const m = OWNER.exec(e.message);
        if (!m) { out.push(`${runId}: a start names no owner: ${e.message}`); continue; }
        attempts.push({ owner: m[1]!, pid: Number(m[2]), start: e.at, events: [] });
      } else if (attempts.length) attempts.at(-1)!.events.push(e);
    }
    for (let i = 1; i < attempts.length; i++) {
      const prev = attempts[i - 1]!;
      const killed = killedAt.get(prev.pid);
      if (killed === undefined) out.push(`${runId}: restarted by ${attempts[i]!.owner} while ${prev.owner}, never killed, held it (a lease lost by a live worker)`);
      else if (attempts[i]!.start.getTime() < killed) {
        const lastSeen = (prev.events.at(-1)?.at ?? prev.start).toISOString();
        out.push(`${runId}: restarted by ${attempts[i]!.owner} at ${attempts[i]!.start.toISOString()}, while ${prev.owner} (last event ${lastSeen}, killed ${new Date(killed).toISOString()}) was alive: its lease ran out without a heartbeat`);
      }
      const late = killed === undefined ? [] : prev.events.filter((e) => e.at.getTime() > killed);
      if (late.length) out.push(`${runId}: ${late.length} event(s) of ${prev.owner} dated after its kill`);
    }
    const final = attempts.at(-1);
    if (final && evs.at(-1)?.toState === "succeeded") {
      const calls = final.events.filter((e) => e.kind === "tool_call").map((e) => (e.data as { tool: string }).tool);
      if (calls.join(",") !== "write_file,run_shell,finish") out.push(`${runId}: its completed attempt made the tool calls ${calls.join(", ")}`);
    }
  }
  return out;
}
