// Figure (j): the platform's overhead on a trivial recipe run (one write, one sandboxed `cat`),
// executed by a real worker process (workers/main.ts, concurrency 4), one run at a time so nothing
// queues behind another. Each run is timed from the createTask call (its transaction, then the job
// enqueued) to the run's finishedAt (the worker's clock, the same machine); the overhead is that
// minus the time its tool calls and verifiers took themselves (the durationMs the gateway and the
// verifier runner record on the run's events). On a repository whose verifier profile is "none"
// the platform's required verifiers (build, unit-tests) are missing, so those runs end failed
// (verifier_failed) after exactly the same pipeline; the real profile (node-test) ends succeeded.
import { performance } from "node:perf_hooks";
import { db } from "../server/db/client";
import { prepareRunBench, waitForRuns } from "./run-fixture";
import { figure } from "./figure";
import { cpuMeter, fmt, heading, ms, summarise, target } from "./stats";

type Sample = { total: number; commands: number; verifiers: number; create: number; wait: number; prepare: number; agent: number; verify: number; state: string; failure: string | null };

async function measure(runId: string, createdAt: number, createMs: number): Promise<Sample> {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { state: true, finishedAt: true, failureMessage: true } });
  const events = await db.runEvent.findMany({ where: { runId }, orderBy: { seq: "asc" }, select: { kind: true, toState: true, at: true, data: true } });
  const at = (s: string) => events.find((e) => e.kind === "transition" && e.toState === s)?.at.getTime() ?? NaN;
  const durations = (kind: string) => events.filter((e) => e.kind === kind).reduce((sum, e) => sum + Number((e.data as { durationMs?: number } | null)?.durationMs ?? 0), 0);
  const end = run.finishedAt!.getTime();
  return {
    total: end - createdAt, commands: durations("tool_call"), verifiers: durations("verifier"), create: createMs,
    wait: at("preparing") - createdAt, prepare: at("running") - at("preparing"), agent: at("verifying") - at("running"), verify: end - at("verifying"),
    state: run.state, failure: run.failureMessage,
  };
}

export async function benchRunOverhead(databaseUrl: string, runs = 30): Promise<void> {
  heading(`(j) platform overhead of a trivial recipe run (write + cat), ${runs} runs one at a time per profile, one worker process (concurrency 4)`);
  const bench = await prepareRunBench(databaseUrl, "overhead", { none: ["acme/docs-site", "none"], real: ["acme/docs-site", "node-test"] });
  try {
    const t = performance.now();
    await bench.worker();
    console.log(`  worker process started in ${ms(performance.now() - t)}`);
    // Two runs first, not counted: the worker's first run loads its modules and compiles its queries.
    for (const repo of ["none", "real"]) {
      const id = await bench.start(bench.repos[repo]!, "warm-up");
      if ((await waitForRuns([id], Date.now() + 60_000)).length) throw new Error("the warm-up run did not end within 60 s");
    }
    for (const [repo, label] of [["none", 'verifier profile "none"'], ["real", 'verifier profile "node-test" (the seed\'s)']] as const) {
      const cpu = cpuMeter();
      const samples: Sample[] = [];
      for (let i = 0; i < runs; i++) {
        const createdAt = Date.now();
        const t0 = performance.now();
        const id = await bench.start(bench.repos[repo]!, `run ${i}`);
        const createMs = performance.now() - t0;
        if ((await waitForRuns([id], Date.now() + 60_000, 5)).length) throw new Error(`run ${id} did not end within 60 s`);
        samples.push(await measure(id, createdAt, createMs));
      }
      const load = cpu();
      const states = new Map<string, number>();
      for (const s of samples) states.set(`${s.state}${s.failure ? ` (${s.failure})` : ""}`, (states.get(`${s.state}${s.failure ? ` (${s.failure})` : ""}`) ?? 0) + 1);
      const line = (name: string, v: number[]) => {
        const x = summarise(v);
        console.log(`    ${name.padEnd(44)} p50 ${ms(x.p50).padStart(10)}  p95 ${ms(x.p95).padStart(10)}  max ${ms(x.max).padStart(10)}`);
        return x;
      };
      console.log(`  ${label}: ${[...states].map(([s, n]) => `${n} ${s}`).join("; ")}`);
      line("createTask called -> run ended (finishedAt)", samples.map((s) => s.total));
      line("  of which tool calls' own time", samples.map((s) => s.commands));
      line("  of which verifiers' own time", samples.map((s) => s.verifiers));
      const o = line("platform overhead (the rest)", samples.map((s) => s.total - s.commands - s.verifiers));
      line("  createTask (transaction + enqueue)", samples.map((s) => s.create));
      line("  created -> preparing (job picked, lease)", samples.map((s) => s.wait));
      line("  preparing -> running (clone)", samples.map((s) => s.prepare));
      line("  running -> verifying (agent incl. tools)", samples.map((s) => s.agent));
      line("  verifying -> ended (diff, verifiers, patch)", samples.map((s) => s.verify));
      console.log(`    ${load}`);
      figure(`(j) platform overhead p50, verifier profile ${repo === "none" ? "none" : "node-test"}`, o.p50, "ms");
      console.log(`    ${target(o.p50 < 1_000, `overhead p50 < 1 s (${fmt(o.p50)} ms)`)}`);
    }
  } finally {
    await bench.close();
  }
}
