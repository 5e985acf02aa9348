// Figure (b): sustained audit appends with chaining. 8 writers over 2 tenants, each event in its
// own db.$transaction, as every mutation in the app writes it; then both chains must verify.
import { performance } from "node:perf_hooks";
import { appendAuditEvent } from "../server/audit/append-event";
import { verifyChain } from "../server/audit/verify-chain";
import { db } from "../server/db/client";
import { cpuMeter, fmt, heading, ms, summarise, target } from "./stats";

type Mode = "transaction" | "statement" | "async";

export async function benchAuditAppend(seconds = 10, writers = 8, mode: Mode = "transaction"): Promise<void> {
  const durable = mode !== "async";
  heading({
    transaction: `(b) audit append with chaining, each event in its own interactive transaction (as a mutation writes it): ${writers} writers over 2 tenants, ${seconds} s`,
    statement: `(b) audit append with chaining, each event one autocommit statement (as sign-ins and refusals write it): ${writers} writers over 2 tenants, ${seconds} s`,
    async: `(b, what-if) transactions with SET LOCAL synchronous_commit = off: commits do not wait for the WAL flush`,
  }[mode]);
  const tag = mode === "transaction" ? "" : `-${mode}`;
  const tenants = await Promise.all([`bench-append-a${tag}`, `bench-append-b${tag}`].map((slug) =>
    db.tenant.create({ data: { slug, name: slug }, select: { id: true } })));
  const latencies: number[] = [];
  const event = (tenantId: string, n: number) => ({
    tenantId, actorType: "user" as const, actorId: `u-${n % 13}`, actorLabel: `user${n % 13}@bench.test`, action: "repository.update",
    resourceType: "repository", resourceId: `r-${n % 101}`, requestId: `req-${n}`, sourceIp: "127.0.0.1",
    payload: { field: "riskTier", n }, before: { riskTier: "low" }, after: { riskTier: "high" },
  });
  const append = (tenantId: string, n: number) => mode === "statement"
    ? appendAuditEvent(db, event(tenantId, n))
    : db.$transaction(async (tx) => {
      if (!durable) await tx.$executeRaw`SET LOCAL synchronous_commit = off`;
      return appendAuditEvent(tx, event(tenantId, n));
    });

  // A short warm-up so connection setup and JIT are not in the figure.
  await Promise.all(Array.from({ length: writers }, (_, w) => append(tenants[w % 2]!.id, w)));

  const cpu = cpuMeter();
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let count = 0;
  await Promise.all(Array.from({ length: writers }, async (_, w) => {
    const tenantId = tenants[w % 2]!.id;
    while (performance.now() < deadline) {
      const t0 = performance.now();
      await append(tenantId, count++);
      latencies.push(performance.now() - t0);
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  const usage = cpu();
  const rate = latencies.length / elapsed;
  const s = summarise(latencies);
  console.log(`  ${fmt(latencies.length)} events in ${fmt(elapsed, 2)} s: ${fmt(rate)} events/s  (per append p50 ${ms(s.p50)}, p99 ${ms(s.p99)})`);
  console.log(`  cpu: ${usage}`);
  for (const t of tenants) {
    const v = await verifyChain(db, t.id);
    console.log(`  chain ${t.id}: ${v.valid ? `valid, ${fmt(v.events)} events` : `BROKEN at ${v.brokenAt}: ${v.problem}`}`);
  }
  if (durable) console.log(`  ${target(rate >= 2000, "≥ 2,000 events/s")}`);
}
