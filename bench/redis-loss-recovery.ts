// Figure (n): Redis lost under load, to every queued run moving again. A worker process (4 slots, its
// default schedule check and reconcilers) has 4 runs executing and 8 queued behind them when every key
// of its queue prefix is deleted (what a restart of a Redis that keeps nothing on disk does; it is
// back at once). Timed from the deletion: every queued run moving again, i.e. its job back in the
// queue or the run taken (the worker puts the reconcilers' schedules back, the run reconciler enqueues
// from PostgreSQL), and every run done (the 8 wait for free slots: that part is the queue's depth).
// Goal (issue 13): every queued run moving again within 30 s.
import { db } from "../server/db/client";
import { createRedis } from "../server/jobs/redis";
import { RUNS_QUEUE, runJobId } from "../server/runs/run-jobs";
import { emptyQueuePrefix } from "../server/test/empty-queue-prefix";
import { figure } from "./figure";
import { prepareRunBench, TERMINAL } from "./run-fixture";
import { fmt, heading, ms, target } from "./stats";

const SLEEPER = (s: number) => `apiVersion: fleetgate/v1\nkind: Recipe\nmetadata: { name: bench-redis-loss }\nsteps:\n  - write: { path: BENCH.md, content: "x\\n" }\n  - run: "sleep ${s}"\n`;

export async function benchRedisLoss(databaseUrl: string, executing = 4, queued = 8): Promise<void> {
  heading(`(n) Redis emptied under load to every queued run moving again: ${executing} executing + ${queued} queued runs, one worker process (4 slots)`);
  const bench = await prepareRunBench(databaseUrl, "redisloss", { a: ["acme/docs-site", "node-test"] });
  try {
    await bench.worker();
    const ids: string[] = [];
    for (let i = 0; i < executing + queued; i++) ids.push(await bench.start(bench.repos.a!, `loss-${i}`, SLEEPER(10)));
    const ready = Date.now() + 120_000;
    while (Date.now() < ready && (await db.run.count({ where: { id: { in: ids }, state: { not: "queued" } } })) < executing) await sleep(50);
    const waiting = (await db.run.findMany({ where: { id: { in: ids }, state: "queued" }, select: { id: true } })).map((r) => r.id);
    const keys = await emptyQueuePrefix(bench.prefix);
    const t0 = Date.now();
    console.log(`  ${fmt(keys)} Redis keys deleted with ${fmt(ids.length - waiting.length)} runs executing and ${fmt(waiting.length)} queued`);

    const moved = new Map<string, number>();
    const redis = createRedis();
    const deadline = t0 + 300_000;
    try {
      while (Date.now() < deadline) {
        const rows = await db.run.findMany({ where: { id: { in: ids } }, select: { id: true, state: true, leaseCount: true } });
        for (const r of rows) {
          if (!waiting.includes(r.id) || moved.has(r.id)) continue;
          const queuedAgain = await redis.exists(`${bench.prefix}:${RUNS_QUEUE}:${runJobId(r.id, String(r.leaseCount))}`);
          if (r.state !== "queued" || queuedAgain) moved.set(r.id, Date.now() - t0);
        }
        if (rows.every((r) => TERMINAL.includes(r.state))) break;
        await sleep(100);
      }
    } finally {
      redis.disconnect();
    }
    const allDone = Date.now() - t0;
    const runs = await db.run.findMany({ where: { id: { in: ids } }, select: { state: true } });
    const succeeded = runs.filter((r) => r.state === "succeeded").length;
    const twice = await db.runEvent.groupBy({ by: ["runId"], where: { runId: { in: ids }, kind: "transition", toState: "succeeded" }, _count: true, having: { runId: { _count: { gt: 1 } } } });
    const stuck = waiting.filter((id) => !moved.has(id));
    const recovery = moved.size ? Math.max(...moved.values()) : Infinity;
    console.log(`  queued runs moving again: first after ${ms(Math.min(...moved.values()))}, last after ${ms(recovery)}${stuck.length ? `; ${stuck.length} still queued after 300 s` : ""}`);
    console.log(`  every run done after ${ms(allDone)}: ${fmt(succeeded)} of ${fmt(ids.length)} succeeded, ${fmt(twice.length)} succeeded twice: ${target(recovery < 30_000 && succeeded === ids.length && twice.length === 0, "every queued run moving within 30 s, each succeeding once")}`);
    figure("(n) Redis emptied to every queued run moving again", recovery, "ms");
  } finally {
    await bench.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
