// One of figure (u)'s 8 processes (bench/cost-reservations.ts starts them): its own database pool,
// the cost engine loaded and warmed, then on each word from the parent one burst, all at once:
// "select1" sends its share of bare `SELECT 1` round trips straight to the pg pool under the
// process's Prisma client (the baseline: same connections, no Prisma, no engine); "reserve" its share of reservations against the hard budget, holding what is
// admitted; "end" ends each admitted one, settled (at a measured cost or, unknown, at the hold)
// or released. Answers go back over the IPC channel.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../server/db/generated/client";
import { env } from "../server/env";
import type { CostWork } from "../server/cost/cost-work";
import { reserveCost } from "../server/cost/reserve-cost";
import { releaseCost, settleCost } from "../server/cost/settle-cost";

export type ChildConfig = { works: CostWork[]; warmWork: CostWork; priceId: string; subject: string; amountMicros: string; count: number; pool: number };
export type ChildAnswer =
  | { ready: true }
  | { step: "select1"; ms: number; errors: string[] }
  | { step: "reserve"; ms: number; admitted: number; refused: number; refusedBy: string[]; errors: string[] }
  | { step: "end"; ms: number; settled: number; released: number; spentMicros: string; errors: string[] };

if (!process.send) throw new Error("bench/cost-reserve-child.ts is started by bench/cost-reservations.ts");
// The figure's parent sends the configuration first, over the same channel as its commands.
const config = await new Promise<ChildConfig>((resolve) => process.once("message", (m: { config: ChildConfig }) => resolve(m.config)));
const send = (a: ChildAnswer) => process.send!(a);

// The application's client, on a pool of the figure's size (8 of these stay well inside the
// server's connections beside other work): db (server/db/client.ts) takes it on first use.
const pool = new pg.Pool({ connectionString: env().DATABASE_APP_URL, max: config.pool });
(globalThis as { __fleetgateDb?: unknown }).__fleetgateDb = { db: new PrismaClient({ adapter: new PrismaPg(pool) }), pool };

const item = (amount: bigint) => ({ kind: "model" as const, subject: config.subject, amountMicros: amount, priceId: config.priceId, defaulted: false, ttlMs: 600_000 });
const message = (e: unknown) => (e as Error).message.split("\n").slice(-1)[0]!;
let held: string[] = [];

async function burst<T>(n: number, one: (i: number) => Promise<T>): Promise<{ ms: number; results: PromiseSettledResult<T>[] }> {
  const t0 = performance.now();
  const results = await Promise.allSettled(Array.from({ length: n }, (_, i) => one(i)));
  return { ms: performance.now() - t0, results };
}
const errorsOf = (results: PromiseSettledResult<unknown>[]) => results.flatMap((r) => (r.status === "rejected" ? [message(r.reason)] : []));

// Warm up: every connection of both pools open, the engine's statements sent once (on a tenant of its own, no budgets).
await Promise.all(Array.from({ length: config.pool }, () => pool.query("SELECT 1")));
await Promise.all(Array.from({ length: config.pool }, async () => {
  const r = await reserveCost(config.warmWork, item(1n));
  if (r.ok) await (Math.random() < 0.5 ? releaseCost(r.reservation.reservationId) : settleCost(r.reservation.reservationId, { inputTokens: 1, outputTokens: 0 }));
}));
send({ ready: true });

process.on("message", async (m: { go: "select1" | "reserve" | "end" | "exit" }) => {
  if (m.go === "exit") {
    await pool.end();
    process.exit(0);
  }
  if (m.go === "select1") {
    const b = await burst(config.count, () => pool.query("SELECT 1"));
    send({ step: "select1", ms: b.ms, errors: errorsOf(b.results) });
  } else if (m.go === "reserve") {
    const amount = BigInt(config.amountMicros);
    const b = await burst(config.count, (i) => reserveCost(config.works[i % config.works.length]!, item(amount)));
    const answers = b.results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    held = answers.flatMap((a) => (a.ok ? [a.reservation.reservationId] : []));
    send({ step: "reserve", ms: b.ms, admitted: held.length, refused: answers.filter((a) => !a.ok).length, refusedBy: [...new Set(answers.flatMap((a) => (a.ok ? [] : [a.refusal.budgetName])))], errors: errorsOf(b.results) });
  } else if (m.go === "end") {
    // A third released (the call never went out), a third settled at a measured cost below the hold,
    // a third settled with its use unknown (at the hold).
    let settled = 0;
    let released = 0;
    let spent = 0n;
    const b = await burst(held.length, async (i) => {
      const id = held[i]!;
      if (i % 3 === 0) {
        if (await releaseCost(id)) released++;
        return;
      }
      const s = await settleCost(id, i % 3 === 1 ? { inputTokens: 400 + i, outputTokens: 100 } : null);
      if (s) {
        settled++;
        spent += s.costMicros;
      }
    });
    held = [];
    send({ step: "end", ms: b.ms, settled, released, spentMicros: String(spent), errors: errorsOf(b.results) });
  }
});
