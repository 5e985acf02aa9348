// The baseline of figure (g): bare BullMQ job round trips. Worker processes as small as they come
// (plain BullMQ with a processor that does nothing, as many processes and slots as figure g's
// workers have) consume a queue of their own; this process adds jobs with the options enqueue()
// gives an approval outcome, as many in flight as figure g casts votes, and times each from add()
// to its "completed" event arriving here. Warm-up jobs go one at a time first, as in figure g.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Queue, QueueEvents } from "bullmq";
import { env } from "../server/env";
import { obliterateQueues } from "../server/jobs/enqueue";
import { createRedis } from "../server/jobs/redis";

const NAME = "bench-bare-round-trip";

const WORKER = `import { Worker } from "bullmq";
import { Redis } from "ioredis";
const { BARE_REDIS_URL: url, BARE_PREFIX: prefix, BARE_QUEUE: name, BARE_CONCURRENCY: n } = process.env;
const worker = new Worker(name, async () => null, { connection: new Redis(url, { maxRetriesPerRequest: null }), prefix, concurrency: Number(n) });
await worker.waitUntilReady();
console.log("bare worker ready");
process.on("SIGTERM", async () => { await worker.close(); process.exit(0); });`;

async function startBareWorker(prefix: string, concurrency: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--input-type=module", "-e", WORKER], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: { ...process.env, BARE_REDIS_URL: env().REDIS_URL, BARE_PREFIX: prefix, BARE_QUEUE: NAME, BARE_CONCURRENCY: String(concurrency) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (c: Buffer) => { if (c.toString().includes("bare worker ready")) resolve(); });
    child.once("exit", (code) => reject(new Error(`a bare BullMQ worker exited with ${code}`)));
  });
  return child;
}

export type RoundTrips = { warmupMs: number[]; ms: number[] };

/** `jobs` round trips with `lanes` in flight, after `warmup` one at a time; `processes` workers of `concurrency` slots. */
export async function bareRoundTrips(prefix: string, opts: { jobs: number; lanes: number; warmup: number; processes: number; concurrency: number }): Promise<RoundTrips> {
  const children = await Promise.all(Array.from({ length: opts.processes }, () => startBareWorker(prefix, opts.concurrency)));
  const connection = createRedis();
  const events = new QueueEvents(NAME, { connection: { url: env().REDIS_URL }, prefix });
  const queue = new Queue(NAME, { connection, prefix });
  const waiting = new Map<string, () => void>();
  events.on("completed", ({ jobId }) => waiting.get(jobId)?.());
  try {
    await events.waitUntilReady();
    let n = 0;
    const roundTrip = async () => {
      const jobId = `bare-${n++}`;
      const done = new Promise<void>((resolve) => waiting.set(jobId, resolve));
      const t0 = performance.now();
      await queue.add("approval.outcome", { requestId: jobId }, { jobId, removeOnComplete: 1000, removeOnFail: 5000, attempts: 5, backoff: { type: "exponential", delay: 1000 } });
      await done;
      waiting.delete(jobId);
      return performance.now() - t0;
    };
    const warmupMs: number[] = [];
    for (let i = 0; i < opts.warmup; i++) warmupMs.push(await roundTrip());
    const ms: number[] = [];
    let left = opts.jobs;
    await Promise.all(Array.from({ length: opts.lanes }, async () => {
      while (left-- > 0) ms.push(await roundTrip());
    }));
    return { warmupMs, ms };
  } finally {
    await Promise.all(children.map(async (c) => {
      if (c.exitCode !== null || c.signalCode !== null) return;
      const exited = once(c, "exit");
      c.kill("SIGTERM");
      await exited;
    }));
    await events.close();
    await queue.close();
    connection.disconnect();
    await obliterateQueues(prefix, [NAME]);
  }
}
