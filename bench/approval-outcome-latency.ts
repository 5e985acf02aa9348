// Figure (g): decision to resumed work. A bench tenant gets 100 policy documents, each with a draft
// version waiting for activation (100 pending approval requests of kind policy_activation). A real
// worker runs as its own process (workers/main.ts, its own queue prefix); the deciding votes are
// cast concurrently (as many in flight as the pool has connections), and each request is timed
// from its vote's commit to the moment its outcome was applied (appliedAt, the worker's clock: the
// same machine) and to when a reader polling the database every 10 ms sees it.
//
// A fresh worker's first outcomes cost several times a running one's (module initialisation, the
// query compiler's first plans, the JIT): by default 20 outcomes are applied first, one at a time,
// as a worker that has been running would have done, and their cost is printed apart.
// `npm run bench -- g --warmup=0` measures a cold worker; `--workers=2` runs two worker processes.
//
// Baseline: bare BullMQ job round trips (bench/bullmq-round-trip.ts) right after, in the same
// shape: as many jobs, as many in flight, the same warm-up, as many worker processes and slots.
// The figure is timed from the vote's commit to a reader polling every 10 ms seeing the outcome
// applied; the baseline from add() to the job's "completed" event.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { voteOnApproval } from "../server/approvals/vote-on-approval";
import { loadUserActor } from "../server/auth/load-user-actor";
import { scopeFor } from "../server/authz/scope";
import { db } from "../server/db/client";
import { overrideEnv } from "../server/env";
import { runOperation, type OpContext } from "../server/core/op-context";
import { closeQueues, obliterateQueues } from "../server/jobs/enqueue";
import { queueNames } from "../server/jobs/start-workers";
import { JOB_HANDLERS } from "../server/wiring/job-handlers";
import { loadPolicySets } from "../server/policy/load-policy-sets";
import { requestPolicyActivation } from "../server/policy/publish-policy-version";
import { createPolicyDocument } from "../server/policy/save-policy-version";
import type { BenchArgs } from "./args";
import { bareRoundTrips } from "./bullmq-round-trip";
import { figure } from "./figure";
import { cpuMeter, fmt, heading, ms, summarise, target } from "./stats";

const POLL_MS = 10;
/** Votes in flight at once: the application pool's size (server/db/client.ts). */
const LANES = 10;
/** The slots each worker process gives a queue (workers/main.ts's default). */
const SLOTS = 4;

const policy = (i: number) => `apiVersion: fleetgate/v1
kind: Policy
metadata:
  name: bench-activation-${i}
  level: tenant
rules:
  - id: bench-path-${i}-denied
    match: { actions: [tool.file_write], resources: [file] }
    when: input.resource.path.matchesAnyGlob(['bench/${i}/**'])
    effect: deny
    reason: bench fixture ${i}
`;

type Tenant = { id: string; slug: string; name: string; status: string };

async function person(tenant: Tenant, label: string): Promise<string> {
  const user = await db.user.create({ data: { email: `${label}@bench-approvals.test`, name: label } });
  await db.membership.create({ data: { tenantId: tenant.id, userId: user.id, roles: ["policy_admin"] } });
  return user.id;
}

async function as<T>(userId: string, tenant: Tenant, op: (ctx: OpContext) => Promise<T>): Promise<T> {
  const scope = scopeFor((await loadUserActor(userId))!, tenant, await loadPolicySets(db, tenant.id))!;
  return runOperation(scope, { requestId: `bench-${randomBytes(4).toString("hex")}`, ip: null }, "bench", op);
}

// Loaded into the worker before workers/main.ts: counts the SQL statements its pg clients send (every
// Prisma query, BEGIN, COMMIT and savepoint goes through Client.prototype.query) and, on SIGUSR2,
// prints that count with the process's own CPU time, so the figure can say what one outcome costs.
const METER = `import { createRequire } from "node:module";
const { Client } = createRequire(process.cwd() + "/")("pg");
let statements = 0;
const query = Client.prototype.query;
Client.prototype.query = function (...args) { statements++; return query.apply(this, args); };
process.on("SIGUSR2", () => { const c = process.cpuUsage(); process.stdout.write("fleetgate-bench-meter " + statements + " " + (c.user + c.system) + "\\n"); });`;

type Meter = { statements: number; cpuMs: number };
const sum = (ms: Meter[]): Meter => ms.reduce((a, b) => ({ statements: a.statements + b.statements, cpuMs: a.cpuMs + b.cpuMs }), { statements: 0, cpuMs: 0 });
type Worker = { stop: () => Promise<void>; meter: () => Promise<Meter> };

/** workers/main.ts as its own process, on the bench database and this figure's queues. */
async function startWorker(databaseUrl: string, prefix: string): Promise<Worker> {
  const child = spawn(process.execPath, ["--import", `data:text/javascript,${encodeURIComponent(METER)}`, "--import", "tsx", "workers/main.ts"], {
    cwd: path.resolve(import.meta.dirname, ".."),
    env: { ...process.env, DATABASE_URL: databaseUrl, QUEUE_PREFIX: prefix, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let readings: ((m: Meter) => void)[] = [];
  child.stdout!.on("data", (c: Buffer) => {
    for (const line of c.toString().split("\n")) {
      const m = /^fleetgate-bench-meter (\d+) (\d+)$/.exec(line);
      if (m) readings.shift()?.({ statements: Number(m[1]), cpuMs: Number(m[2]) / 1000 });
    }
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (c: Buffer) => { if (c.toString().includes("fleetgate worker: consuming")) resolve(); });
    child.once("exit", (code) => reject(new Error(`the bench worker exited with ${code}`)));
  });
  return {
    meter: () => new Promise<Meter>((resolve) => { readings.push(resolve); child.kill("SIGUSR2"); }),
    stop: async () => {
      readings = [];
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}

export async function benchApprovalOutcome(databaseUrl: string, { warmup, workers }: Pick<BenchArgs, "warmup" | "workers">, requests = 100): Promise<void> {
  heading(`(g) decision to resumed work: ${requests} pending policy activations decided at once, ${workers === 1 ? "a worker process" : `${workers} worker processes`} applying them`);
  const prefix = `fleetgate-bench-${randomBytes(3).toString("hex")}`;
  // The votes' after-commit enqueue goes to this figure's queues, which only its worker consumes.
  overrideEnv({ QUEUE_PREFIX: prefix });
  const tenant: Tenant = { ...(await db.tenant.create({ data: { slug: "bench-approvals", name: "Bench approvals" }, select: { id: true, slug: true } })), name: "Bench approvals", status: "active" };
  const author = await person(tenant, "author");
  const reviewer = await person(tenant, "reviewer");

  let t = performance.now();
  const all: string[] = [];
  for (let i = 0; i < warmup + requests; i++) {
    const { documentId } = await as(author, tenant, (ctx) => createPolicyDocument(ctx, { content: policy(i), tests: "", message: `bench ${i}` }));
    all.push((await as(author, tenant, (ctx) => requestPolicyActivation(ctx, documentId, 1, {}))).id);
  }
  const [early, ids] = [all.slice(0, warmup), all.slice(warmup)];
  console.log(`  ${warmup + requests} documents with a draft, each with a pending activation request, in ${ms(performance.now() - t)}`);

  const started = await Promise.all(Array.from({ length: workers }, () => startWorker(databaseUrl, prefix)));
  const worker = { meter: async () => sum(await Promise.all(started.map((w) => w.meter()))), stop: () => Promise.all(started.map((w) => w.stop())) };
  if (warmup) {
    const before = await worker.meter();
    t = performance.now();
    for (const id of early) {
      await as(reviewer, tenant, (ctx) => voteOnApproval(ctx, id, { vote: "approve", reason: "bench warm-up" }));
      while (!(await db.approvalRequest.findUniqueOrThrow({ where: { id }, select: { appliedAt: true } })).appliedAt) await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const after = await worker.meter();
    console.log(`  warm-up: ${warmup} outcomes decided and applied one at a time in ${ms(performance.now() - t)}; the worker spent ${fmt((after.cpuMs - before.cpuMs) / warmup, 1)} ms CPU on each`);
  }
  const committedAt = new Map<string, number>(); // performance.now() at the vote's commit
  const committedWall = new Map<string, number>(); // Date.now() at the same moment
  const seenAt = new Map<string, number>();
  let polling = true;
  // What a reader sees: the requests whose outcome is applied, every POLL_MS.
  const poller = (async () => {
    while (polling && seenAt.size < ids.length) {
      const rows = await db.approvalRequest.findMany({ where: { id: { in: ids.filter((id) => !seenAt.has(id)) }, appliedAt: { not: null } }, select: { id: true } });
      const now = performance.now();
      for (const r of rows) seenAt.set(r.id, now);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  })();
  let reader: ReturnType<typeof summarise> | undefined;
  try {
    const before = await worker.meter();
    const cpu = cpuMeter();
    t = performance.now();
    // As fast as one process can: as many votes in flight as it has database connections (more
    // would only queue for a connection, and past Prisma's 2 s wait for one, fail).
    const queue = [...ids];
    const votes: PromiseSettledResult<unknown>[] = [];
    await Promise.all(Array.from({ length: LANES }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        const at = id;
        votes.push(...(await Promise.allSettled([as(reviewer, tenant, (ctx) => {
          // Registered before the vote's own after-commit step (the enqueue), so it marks the commit.
          ctx.afterCommit(async () => { committedAt.set(at, performance.now()); committedWall.set(at, Date.now()); });
          return voteOnApproval(ctx, at, { vote: "approve", reason: "bench" });
        })])));
      }
    }));
    const votedIn = performance.now() - t;
    const failed = votes.flatMap((v) => (v.status === "rejected" ? [String((v.reason as Error).message).split("\n").filter(Boolean).at(-1)] : []));
    if (failed.length) console.log(`  ${failed.length} of ${requests} votes failed, e.g.: ${failed[0]}`);
    const decided = [...committedAt.keys()];
    const deadline = performance.now() + 60_000;
    while (decided.some((id) => !seenAt.has(id)) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const load = cpu();
    const after = await worker.meter();
    const late = decided.filter((id) => !seenAt.has(id)).length;
    if (late) console.log(`  ${late} of ${decided.length} decided outcomes were not applied within 60 s`);

    const rows = await db.approvalRequest.findMany({ where: { id: { in: decided } }, select: { id: true, appliedAt: true, applyResult: true } });
    const applied = rows.filter((r) => r.appliedAt).map((r) => r.appliedAt!.getTime() - committedWall.get(r.id)!);
    const seen = decided.filter((id) => seenAt.has(id)).map((id) => seenAt.get(id)! - committedAt.get(id)!);
    const active = rows.filter((r) => r.applyResult?.endsWith(" is active")).length;
    console.log(`  ${decided.length} votes committed in ${ms(votedIn)} (10 at a time, the pool's size); ${active} versions active`);
    const a = summarise(applied);
    const r = (reader = summarise(seen));
    console.log(`  vote commit -> appliedAt (worker's clock)     p50 ${ms(a.p50).padStart(9)}  p95 ${ms(a.p95).padStart(9)}  max ${ms(a.max).padStart(9)}`);
    console.log(`  vote commit -> seen by a reader (${POLL_MS} ms poll)  p50 ${ms(r.p50).padStart(9)}  p95 ${ms(r.p95).padStart(9)}  max ${ms(r.max).padStart(9)}`);
    const span = Math.max(...rows.filter((x) => x.appliedAt).map((x) => x.appliedAt!.getTime())) - Math.min(...committedWall.values());
    console.log(`  first commit -> last outcome applied: ${ms(span)} (${fmt(rows.length / (span / 1000), 0)} outcomes/s)`);
    console.log(`  ${load}`);
    const n = rows.filter((x) => x.appliedAt).length;
    console.log(`  ${workers === 1 ? "worker" : "workers"} per outcome applied: ${fmt((after.cpuMs - before.cpuMs) / n, 1)} ms CPU, ${fmt((after.statements - before.statements) / n, 1)} SQL statements (${n} outcomes)`);
    console.log(`  ${target(r.p95 < 1_000 && decided.length === requests, "p95 < 1 s (as seen by a reader) over all " + requests)}`);
  } finally {
    polling = false;
    await poller;
    await worker.stop();
    await closeQueues();
    await obliterateQueues(prefix, queueNames(JOB_HANDLERS));
  }
  const bare = await bareRoundTrips(prefix, { jobs: requests, lanes: LANES, warmup, processes: workers, concurrency: SLOTS });
  const b = summarise(bare.ms);
  console.log(`  bare BullMQ: add() -> "completed" event       p50 ${ms(b.p50).padStart(9)}  p95 ${ms(b.p95).padStart(9)}  max ${ms(b.max).padStart(9)}  (${requests} jobs, ${LANES} in flight)`);
  const is = `bare BullMQ job round trip, ${requests} jobs ${LANES} in flight`;
  figure("(g) decision to resumed work p50", reader.p50, "ms", { value: b.p50, is });
  figure("(g) decision to resumed work p95", reader.p95, "ms", { value: b.p95, is });
}
