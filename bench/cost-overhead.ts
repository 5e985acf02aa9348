// Figure (v): what costing adds to each model call (issue 16: p95 < 5 ms), as the model adapter
// pays it (server/runs/hold-model-call.ts): before the request the price in force, then the worst
// case reserved against the run's budgets (the tenant's hard month budget, a soft team budget with
// alert thresholds, the per-run hard budget: three periods locked; the run's dimensions looked up
// with it), one statement; after it the real cost settled (the periods, the entry, the daily rollup
// and the run's total written), one statement. One call at a time over 20 runs, from this process's
// pool. Baseline: the bare database round trip, `SELECT 1` on a plain pg connection, alternating
// with the calls sample by sample so load affects both alike. Beside it, for what a reservation
// must pay whatever it is made of: one durable commit (a one-row INSERT in autocommit: the
// reservation's WAL flush; the settlement commits without waiting for its flush, see
// fleetgate_cost_settle).
import { performance } from "node:perf_hooks";
import pg from "pg";
import { holdCost } from "../server/cost/hold-cost";
import { worstCaseModelCost } from "../server/cost/money";
import { settleCost } from "../server/cost/settle-cost";
import { costFixture, MODEL } from "../server/cost/test-support";
import { db } from "../server/db/client";
import { env } from "../server/env";
import { figure } from "./figure";
import { cpuMeter, fmt, heading, ms, summarise, target } from "./stats";

const CALLS = 2_000;
const WARMUP = 50;

export async function benchCostOverhead(): Promise<void> {
  heading(`(v) reservation plus settlement per model call: ${fmt(CALLS)} calls one at a time over 20 runs, 3 budgets each, beside a bare SELECT 1`);
  const f = await costFixture("bench-cost-v");
  await f.budget({ scope: "tenant", mode: "hard", limitMicros: 10n ** 15n, period: "month", name: "Tenant month (hard)" });
  await f.budget({ scope: "team", mode: "soft", limitMicros: 10n ** 15n, period: "month", teamId: f.team.id, name: "Payments month (soft)" });
  await f.budget({ scope: "run", mode: "hard", limitMicros: 10n ** 12n, period: "run", name: "Per-run model budget" });
  const runs = [];
  for (let i = 0; i < 20; i++) runs.push(await f.run({ campaign: i % 2 === 0 }));
  const raw = new pg.Client({ connectionString: env().DATABASE_APP_URL });
  await raw.connect();
  const owner = new pg.Client({ connectionString: env().DATABASE_URL });
  await owner.connect();
  await owner.query(`CREATE TABLE bench_cost_commit (x int); GRANT INSERT ON bench_cost_commit TO fleetgate_app`);
  const commits: number[] = [];
  const holdMs: number[] = [];
  const settleMs: number[] = [];
  const total: number[] = [];
  const bare: number[] = [];
  try {
    const cpu = cpuMeter();
    for (let i = 0; i < CALLS + WARMUP; i++) {
      const runId = runs[i % runs.length]!.runId;
      const t0 = performance.now();
      const held = await holdCost({ tenantId: f.tenantId, runId }, { kind: "model", model: MODEL, ttlMs: 120_000, what: "the next model request", worstCase: (p) => worstCaseModelCost(p, 24_000, 4_096) });
      if (!held.ok) throw new Error(held.message);
      const t1 = performance.now();
      await settleCost(held.hold.reservationId, { inputTokens: 6_000 + (i % 500), outputTokens: 300 + (i % 200), cachedTokens: i % 3 === 0 ? 4_000 : 0, latencyMs: 800 });
      const t2 = performance.now();
      await raw.query("SELECT 1");
      const t3 = performance.now();
      await raw.query("INSERT INTO bench_cost_commit VALUES (1)");
      const t4 = performance.now();
      if (i < WARMUP) continue;
      commits.push(t4 - t3);
      holdMs.push(t1 - t0);
      settleMs.push(t2 - t1);
      total.push(t2 - t0);
      bare.push(t3 - t2);
    }
    const load = cpu();
    const [h, s, c, b, d] = [summarise(holdMs), summarise(settleMs), summarise(total), summarise(bare), summarise(commits)];
    const line = (name: string, x: ReturnType<typeof summarise>) => console.log(`  ${name.padEnd(58)} p50 ${ms(x.p50).padStart(9)}  p95 ${ms(x.p95).padStart(9)}  p99 ${ms(x.p99).padStart(9)}`);
    line("hold (price in force, then reserve: 2 statements)", h);
    line("settle (periods, entry, daily rollup, run total: 1 statement)", s);
    line("reservation plus settlement per model call", c);
    line("bare SELECT 1 round trip (plain pg connection)", b);
    line("one durable commit (a one-row INSERT in autocommit)", d);
    const entries = await db.costEntry.count({ where: { tenantId: f.tenantId } });
    const held = await db.costReservation.count({ where: { tenantId: f.tenantId, state: "held" } });
    console.log(`  ${fmt(entries)} entries written, ${held} reservations left held; cpu: ${load}`);
    figure("(v) reservation plus settlement per model call, p95", c.p95, "ms", { value: b.p95, is: "a bare SELECT 1 round trip, p95" });
    figure("(v) reservation plus settlement per model call, p50", c.p50, "ms", { value: b.p50, is: "a bare SELECT 1 round trip, p50" });
    figure("(v) reservation plus settlement per model call, p95, beside one durable commit", c.p95, "ms", { value: d.p95, is: "a one-row INSERT in autocommit (one WAL flush), p95" });
    console.log(`  ${target(c.p95 < 5, "p95 < 5 ms")}`);
  } finally {
    await raw.end();
    await owner.query(`DROP TABLE IF EXISTS bench_cost_commit`).catch(() => undefined);
    await owner.end();
  }
}
