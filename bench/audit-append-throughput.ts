// Figure (b): sustained audit appends with chaining. 8 writers over 2 tenants, each event in its
// own db.$transaction, as every mutation in the app writes it; then both chains must verify.
// Baseline: a bare INSERT of the same rows into the same table (same tenants, same fields, hashes
// as constant text, sequence numbers from a counter: no chain lock, no head, no hashing) in the
// same transaction shape, by the same 8 writers; the two alternate in 2-second slices so load
// changes affect both alike.
import { performance } from "node:perf_hooks";
import { appendAuditEvent } from "../server/audit/append-event";
import { verifyChain } from "../server/audit/verify-chain";
import { db, type Tx } from "../server/db/client";
import { figure } from "./figure";
import { cpuMeter, fmt, heading, ms, summarise, target } from "./stats";

type Mode = "transaction" | "statement" | "async";
type Write = (tenantId: string, n: number) => Promise<unknown>;
type Side = { count: number; seconds: number; latencies: number[] };

const SLICE_S = 2;
const HASH = "0".repeat(64);

const event = (tenantId: string, n: number) => ({
  tenantId, actorType: "user" as const, actorId: `u-${n % 13}`, actorLabel: `user${n % 13}@bench.test`, action: "repository.update",
  resourceType: "repository", resourceId: `r-${n % 101}`, requestId: `req-${n}`, sourceIp: "127.0.0.1",
  payload: { field: "riskTier", n }, before: { riskTier: "low" }, after: { riskTier: "high" },
});

/** The same row as appendAuditEvent writes, in a chain of its own, inserted as it is. */
function bareInsert(tx: Tx, tenantId: string, n: number, seq: number) {
  const e = event(tenantId, n);
  return tx.$executeRaw`INSERT INTO "AuditEvent" (chain, seq, "tenantId", "createdAt", "actorType", "actorId", "actorLabel", action,
      "resourceType", "resourceId", decision, "requestId", "sourceIp", payload, before, after, "prevHash", hash)
    VALUES (${`${tenantId}-bare`}, ${seq}, ${tenantId}, clock_timestamp(), ${e.actorType}, ${e.actorId}, ${e.actorLabel}, ${e.action},
      ${e.resourceType}, ${e.resourceId}, 'success', ${e.requestId}, ${e.sourceIp}, ${JSON.stringify(e.payload)}::jsonb,
      ${JSON.stringify(e.before)}::jsonb, ${JSON.stringify(e.after)}::jsonb, ${HASH}, ${HASH})`;
}

/** The writers run `write` for one slice; their counts and latencies add to `side`. */
async function slice(write: Write, side: Side, tenants: string[], writers: number, next: () => number): Promise<void> {
  const started = performance.now();
  const deadline = started + SLICE_S * 1000;
  await Promise.all(Array.from({ length: writers }, async (_, w) => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      await write(tenants[w % 2]!, next());
      side.latencies.push(performance.now() - t0);
      side.count++;
    }
  }));
  side.seconds += (performance.now() - started) / 1000;
}

export async function benchAuditAppend(seconds = 6, writers = 8, mode: Mode = "transaction"): Promise<void> {
  const durable = mode !== "async";
  heading({
    transaction: `(b) audit append with chaining, each event in its own interactive transaction (as a mutation writes it): ${writers} writers over 2 tenants, ${seconds} s`,
    statement: `(b) audit append with chaining, each event one autocommit statement (as sign-ins and refusals write it): ${writers} writers over 2 tenants, ${seconds} s`,
    async: `(b, what-if) transactions with SET LOCAL synchronous_commit = off: commits do not wait for the WAL flush`,
  }[mode]);
  const tag = mode === "transaction" ? "" : `-${mode}`;
  const tenants = (await Promise.all([`bench-append-a${tag}`, `bench-append-b${tag}`].map((slug) =>
    db.tenant.create({ data: { slug, name: slug }, select: { id: true } })))).map((t) => t.id);
  // The same transaction shape for both: one statement on its own, or one interactive transaction.
  const shaped = (body: (tx: Tx) => Promise<unknown>): Promise<unknown> => mode === "statement"
    ? body(db)
    : db.$transaction(async (tx) => {
      if (!durable) await tx.$executeRaw`SET LOCAL synchronous_commit = off`;
      return body(tx);
    });
  let bareSeq = 0;
  const append: Write = (tenantId, n) => shaped((tx) => appendAuditEvent(tx, event(tenantId, n)));
  const bare: Write = (tenantId, n) => shaped((tx) => bareInsert(tx, tenantId, n, ++bareSeq));

  // A short warm-up of both so connection setup and JIT are not in the figures.
  await Promise.all(Array.from({ length: writers }, (_, w) => append(tenants[w % 2]!, w).then(() => bare(tenants[w % 2]!, w))));

  const cpu = cpuMeter();
  let n = 0;
  const chained: Side = { count: 0, seconds: 0, latencies: [] };
  const inserted: Side = { count: 0, seconds: 0, latencies: [] };
  for (let done = 0; done < seconds; done += SLICE_S) {
    await slice(append, chained, tenants, writers, () => n++);
    await slice(bare, inserted, tenants, writers, () => n++);
  }
  const usage = cpu();
  const line = (label: string, side: Side) => {
    const s = summarise(side.latencies);
    console.log(`  ${label} ${fmt(side.count)} events in ${fmt(side.seconds, 2)} s: ${fmt(side.count / side.seconds)} events/s  (per event p50 ${ms(s.p50)}, p99 ${ms(s.p99)})`);
    return side.count / side.seconds;
  };
  const rate = line("chained append:", chained);
  const bareRate = line("bare INSERT:   ", inserted);
  console.log(`  cpu (both): ${usage}`);
  for (const t of tenants) {
    const v = await verifyChain(db, t);
    console.log(`  chain ${t}: ${v.valid ? `valid, ${fmt(v.events)} events` : `BROKEN at ${v.brokenAt}: ${v.problem}`}`);
  }
  const name = { transaction: "(b) audit append, own transaction", statement: "(b) audit append, autocommit", async: "(b, what-if) audit append, synchronous_commit off" }[mode];
  const shape = { transaction: "each in its own transaction", statement: "each one autocommit statement", async: "each in its own transaction, synchronous_commit off" }[mode];
  figure(name, rate, "events/s", { value: bareRate, is: `bare INSERT of the same rows, ${shape}` });
  if (durable) console.log(`  ${target(rate >= 2000, "≥ 2,000 events/s")}`);
}
