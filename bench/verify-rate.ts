// Figure (c): how fast verifyChain walks a large chain. Baseline: SHA-256 over the same bytes
// (each event's canonical text followed by the previous hash, as chain.ts hashes them), run right
// after the walk in the same process. The texts are rebuilt from the loader's fields a batch at a
// time outside the timing, so only the hashing is timed; the last hash must equal the chain head's,
// which shows the bytes are the same.
import { hash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { canonicalEvent, GENESIS_HASH } from "../server/audit/chain";
import { verifyChain } from "../server/audit/verify-chain";
import { db } from "../server/db/client";
import { figure } from "./figure";
import { largeChainEvent, type LargeChain } from "./load-large-chain";
import { cpuMeter, fmt, heading, target } from "./stats";

const BATCH = 10_000;

/** Seconds spent hashing the chain's bytes, and the last hash. */
function hashSameBytes(chain: LargeChain): { seconds: number; last: string } {
  let prev = GENESIS_HASH;
  let timed = 0;
  for (let from = 1; from <= chain.events; from += BATCH) {
    const texts: string[] = [];
    for (let seq = from; seq < Math.min(from + BATCH, chain.events + 1); seq++) texts.push(canonicalEvent(largeChainEvent(chain, seq)));
    const t0 = performance.now();
    for (const text of texts) prev = hash("sha256", text + prev, "hex");
    timed += performance.now() - t0;
  }
  return { seconds: timed / 1000, last: prev };
}

export async function benchVerifyRate(chain: LargeChain): Promise<void> {
  heading(`(c) chain verification over ${fmt(chain.events)} events`);
  const cpu = cpuMeter();
  const started = performance.now();
  const result = await verifyChain(db, chain.tenantId);
  const seconds = (performance.now() - started) / 1000;
  const rate = result.events / seconds;
  console.log(`  ${result.valid ? "valid" : `BROKEN at ${result.brokenAt}: ${result.problem}`}: ${fmt(result.events)} events in ${fmt(seconds, 2)} s = ${fmt(rate)} events/s`);
  console.log(`  cpu: ${cpu()}`);
  const sha = hashSameBytes(chain);
  const same = result.valid && sha.last === result.headHash;
  console.log(`  SHA-256 alone over the same bytes: ${fmt(chain.events)} events in ${fmt(sha.seconds, 2)} s${same ? " (its last hash is the chain head's)" : ", BUT ITS LAST HASH IS NOT THE CHAIN HEAD'S"}`);
  figure("(c) chain verification", rate, "events/s", { value: chain.events / sha.seconds, is: "SHA-256 over the same bytes, nothing else" });
  console.log(`  ${target(result.valid && rate >= 100_000, "≥ 100,000 events/s")}`);
}
