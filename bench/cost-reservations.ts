// Figure (u): 1,000 concurrent reservations from 8 OS processes (bench/cost-reserve-child.ts, each
// with its own database pool) against a hard budget that fits exactly 100 of them: how many were
// admitted (100 is the figure), the most spent + reserved any update of the budget's period left
// (a trigger on the period records every committed row version; never above the limit), and that
// every admitted reservation ended settled or released (none held). Each reservation is held
// against three budgets (the tenant's hard day budget, a soft team budget and a roomy hard run
// budget, one period per run, opened by the burst itself), as a model call of a team's run is.
// Baseline: the same 8 processes each sending their share of 1,000 bare `SELECT 1` round trips at
// once, straight to the same pg pool (no Prisma), before and after the reservations (the mean of
// the two); both timed by this process from the word "go" to the last process's answer.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { db } from "../server/db/client";
import { costFixture, MODEL } from "../server/cost/test-support";
import type { ChildAnswer, ChildConfig } from "./cost-reserve-child";
import { figure } from "./figure";
import { fmt, heading, ms } from "./stats";

const PROCESSES = 8;
const TOTAL = 1_000;
const FITS = 100;
const AMOUNT = 10_000n;
const POOL = 6;
const RUNS = 40;

type Child = { process: ChildProcess; answers: ChildAnswer[]; waiting: ((a: ChildAnswer) => void)[] };

function start(config: ChildConfig, databaseUrl: string): Promise<Child> {
  const child: Child = {
    process: spawn(process.execPath, ["--import", "tsx", "bench/cost-reserve-child.ts"], {
      cwd: path.resolve(import.meta.dirname, ".."),
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    }),
    answers: [],
    waiting: [],
  };
  child.process.send({ config });
  child.process.on("message", (a: ChildAnswer) => {
    const w = child.waiting.shift();
    if (w) w(a);
    else child.answers.push(a);
  });
  return new Promise((resolve, reject) => {
    child.process.once("exit", (code) => reject(new Error(`a figure (u) process exited with ${code} before it was ready`)));
    next(child).then(() => resolve(child), reject);
  });
}

function next(child: Child): Promise<ChildAnswer> {
  const queued = child.answers.shift();
  return queued ? Promise.resolve(queued) : new Promise((resolve) => child.waiting.push(resolve));
}

/** Says "go" to every process at once; answers their answers and the wall time to the last one. */
async function step<T extends ChildAnswer>(children: Child[], go: "select1" | "reserve" | "end"): Promise<{ ms: number; answers: T[] }> {
  const t0 = performance.now();
  for (const c of children) c.process.send({ go });
  const answers = (await Promise.all(children.map(next))) as T[];
  return { ms: performance.now() - t0, answers };
}

export async function benchCostReservations(databaseUrl: string): Promise<void> {
  heading(`(u) ${fmt(TOTAL)} concurrent reservations from ${PROCESSES} processes (pools of ${POOL}) against a hard budget that fits exactly ${FITS}`);
  const f = await costFixture("bench-cost-u");
  const warm = await costFixture("bench-cost-u-warm");
  const hard = await f.budget({ scope: "tenant", mode: "hard", limitMicros: BigInt(FITS) * AMOUNT, period: "day", name: "Tenant day (hard)" });
  await f.budget({ scope: "team", mode: "soft", limitMicros: 10n * BigInt(FITS) * AMOUNT, period: "month", teamId: f.team.id, name: "Payments month (soft)" });
  await f.budget({ scope: "run", mode: "hard", limitMicros: 1_000n * AMOUNT, period: "run", name: "Per-run model budget" });
  const works = [];
  for (let i = 0; i < RUNS; i++) works.push((await f.run({ campaign: i % 2 === 0 })).work);
  const warmRun = await warm.run();

  // Every committed version of the hard budget's period: the most spent + reserved, and how many.
  const owner = new pg.Client({ connectionString: databaseUrl });
  await owner.connect();
  await owner.query(`
    CREATE TABLE bench_cost_watch (total bigint NOT NULL, updates int NOT NULL);
    INSERT INTO bench_cost_watch VALUES (0, 0);
    CREATE FUNCTION bench_cost_watch() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
    BEGIN
      UPDATE bench_cost_watch SET total = greatest(total, NEW."spentMicros" + NEW."reservedMicros"), updates = updates + 1;
      RETURN NULL;
    END $$;
    CREATE TRIGGER bench_cost_watch AFTER INSERT OR UPDATE ON "BudgetPeriod" FOR EACH ROW WHEN (NEW."budgetId" = '${hard.id}') EXECUTE FUNCTION bench_cost_watch();`);

  const children: Child[] = [];
  try {
    const t = performance.now();
    for (let p = 0; p < PROCESSES; p++) {
      const share = works.filter((_, i) => i % PROCESSES === p);
      const config: ChildConfig = { works: share, warmWork: warmRun.work, priceId: f.price.id, subject: MODEL, amountMicros: String(AMOUNT), count: TOTAL / PROCESSES, pool: POOL };
      children.push(await start(config, databaseUrl));
    }
    console.log(`  ${PROCESSES} processes started and warmed in ${ms(performance.now() - t)}`);

    const before = await step<Extract<ChildAnswer, { step: "select1" }>>(children, "select1");
    const reserved = await step<Extract<ChildAnswer, { step: "reserve" }>>(children, "reserve");
    const [period] = await db.budgetPeriod.findMany({ where: { budgetId: hard.id } });
    const whileHeld = { spent: period!.spentMicros, reserved: period!.reservedMicros };
    const ended = await step<Extract<ChildAnswer, { step: "end" }>>(children, "end");
    const after = await step<Extract<ChildAnswer, { step: "select1" }>>(children, "select1");

    const errors = [...before.answers, ...reserved.answers, ...ended.answers, ...after.answers].flatMap((a) => a.errors);
    const admitted = reserved.answers.reduce((n, a) => n + a.admitted, 0);
    const refused = reserved.answers.reduce((n, a) => n + a.refused, 0);
    const refusedBy = [...new Set(reserved.answers.flatMap((a) => a.refusedBy))];
    const settled = ended.answers.reduce((n, a) => n + a.settled, 0);
    const released = ended.answers.reduce((n, a) => n + a.released, 0);
    const spentByChildren = ended.answers.reduce((n, a) => n + BigInt(a.spentMicros), 0n);
    const watch = (await owner.query<{ total: string; updates: number }>(`SELECT total, updates FROM bench_cost_watch`)).rows[0]!;
    const [end] = await db.budgetPeriod.findMany({ where: { budgetId: hard.id } });
    const states = await db.costReservation.groupBy({ by: ["state"], where: { tenantId: f.tenantId }, _count: { _all: true } });
    const count = (s: string) => states.find((x) => x.state === s)?._count._all ?? 0;
    const limit = BigInt(FITS) * AMOUNT;

    console.log(`  reservations: ${fmt(admitted)} admitted, ${fmt(refused)} refused (by ${refusedBy.join(", ") || "none"}), ${errors.length} errors${errors.length ? `: ${[...new Set(errors)].slice(0, 3).join("; ")}` : ""}`);
    console.log(`  while held: spent ${whileHeld.spent}, reserved ${whileHeld.reserved} of the limit ${limit}; the most spent + reserved any of the period's ${fmt(watch.updates)} updates left: ${watch.total} (${BigInt(watch.total) <= limit ? "never above the limit" : "ABOVE THE LIMIT"})`);
    console.log(`  ended: ${settled} settled, ${released} released; now ${count("held")} held, ${count("settled")} settled, ${count("released")} released; the period: spent ${end!.spentMicros} (the settles' costs add to ${spentByChildren}), reserved ${end!.reservedMicros}`);
    const baseline = (before.ms + after.ms) / 2;
    console.log(`  wall time: ${fmt(TOTAL)} reservations ${ms(reserved.ms)} (slowest process's own burst ${ms(Math.max(...reserved.answers.map((a) => a.ms)))}); ending the ${admitted} admitted ${ms(ended.ms)}; ${fmt(TOTAL)} bare SELECT 1 ${ms(before.ms)} before, ${ms(after.ms)} after`);
    figure("(u) reservations admitted by a hard budget that fits 100, of 1,000 from 8 processes", admitted, "reservations", { value: FITS, is: "what the budget fits" });
    figure("(u) most spent + reserved in any update of the hard budget's period", Number(watch.total), "micro-units", { value: Number(limit), is: "the budget's limit" });
    figure("(u) reservations still held after every admitted one was settled or released", count("held"), "reservations");
    figure("(u) 1,000 concurrent reservations from 8 processes, wall time", reserved.ms, "ms", { value: baseline, is: "1,000 bare SELECT 1 round trips from the same 8 processes at once (mean of before and after)" });
  } finally {
    await Promise.all(children.map((c) => new Promise((r) => {
      if (c.process.exitCode !== null || c.process.signalCode !== null) return r(null);
      c.process.once("exit", r);
      c.process.send({ go: "exit" });
    })));
    await owner.query(`DROP TRIGGER IF EXISTS bench_cost_watch ON "BudgetPeriod"; DROP FUNCTION IF EXISTS bench_cost_watch(); DROP TABLE IF EXISTS bench_cost_watch;`).catch(() => undefined);
    await owner.end();
  }
}
