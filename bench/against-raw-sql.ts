// Timing a query path against its own SQL sent raw: each case's statements are captured once (what the
// path sends through the pg driver, with their parameters), then every run times the path and right
// after it the same statements one after another on a plain pg connection. The difference is what the
// path adds (Prisma, mapping, its own logic). The first three runs of each case warm up and are dropped.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { env } from "../server/env";
import { ms, summarise } from "./stats";

type Statement = { text: string; values: unknown[] };

/** The SQL statements `run` sends through the pg driver, with their parameters. */
export async function statementsOf(run: () => Promise<unknown>): Promise<Statement[]> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const sent: Statement[] = [];
  proto.query = function (this: unknown, ...args: unknown[]) {
    const q = args[0] as string | { text: string; values?: unknown[] };
    sent.push(typeof q === "string" ? { text: q, values: (args[1] as unknown[] | undefined) ?? [] } : { text: q.text, values: q.values ?? [] });
    return original.apply(this, args);
  };
  try {
    await run();
  } finally {
    proto.query = original;
  }
  return sent;
}

const WARMUP = 3;

/**
 * Runs every case `runs` times against its raw SQL, printing a line per case (`note` may add what the
 * last call returned), and answers every kept sample of the paths and of the raw SQL.
 */
export async function timeAgainstRawSql<T>(cases: readonly (readonly [string, () => Promise<T>])[], o: { runs: number; labelWidth: number; note?: (last: T) => string }): Promise<{ all: number[]; allRaw: number[] }> {
  const all: number[] = [];
  const allRaw: number[] = [];
  const raw = new pg.Client({ connectionString: env().DATABASE_APP_URL });
  await raw.connect();
  try {
    for (const [label, call] of cases) {
      const sql = await statementsOf(call);
      const samples: number[] = [];
      const rawSamples: number[] = [];
      let last: T | undefined;
      for (let i = 0; i < o.runs; i++) {
        const t0 = performance.now();
        last = await call();
        const t1 = performance.now();
        for (const st of sql) await raw.query({ text: st.text, values: st.values, rowMode: "array" });
        rawSamples.push(performance.now() - t1);
        samples.push(t1 - t0);
      }
      const [s, r] = [summarise(samples.slice(WARMUP)), summarise(rawSamples.slice(WARMUP))];
      all.push(...samples.slice(WARMUP));
      allRaw.push(...rawSamples.slice(WARMUP));
      const note = o.note && last !== undefined ? ` ${o.note(last)}` : "";
      console.log(`  ${label.padEnd(o.labelWidth)}${note}  p50 ${ms(s.p50).padStart(9)}  p95 ${ms(s.p95).padStart(9)}   raw SQL (${sql.length} statements, one after another) p50 ${ms(r.p50).padStart(9)}  p95 ${ms(r.p95).padStart(9)}`);
    }
  } finally {
    await raw.end();
  }
  return { all, allRaw };
}
