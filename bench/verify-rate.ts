// Figure (c): how fast verifyChain walks a large chain.
import { performance } from "node:perf_hooks";
import { verifyChain } from "../server/audit/verify-chain";
import { db } from "../server/db/client";
import type { LargeChain } from "./load-large-chain";
import { cpuMeter, fmt, heading, target } from "./stats";

export async function benchVerifyRate(chain: LargeChain): Promise<void> {
  heading(`(c) chain verification over ${fmt(chain.events)} events`);
  const cpu = cpuMeter();
  const started = performance.now();
  const result = await verifyChain(db, chain.tenantId);
  const seconds = (performance.now() - started) / 1000;
  const rate = result.events / seconds;
  console.log(`  ${result.valid ? "valid" : `BROKEN at ${result.brokenAt}: ${result.problem}`}: ${fmt(result.events)} events in ${fmt(seconds, 2)} s = ${fmt(rate)} events/s`);
  console.log(`  cpu: ${cpu()}`);
  console.log(`  ${target(result.valid && rate >= 100_000, "≥ 100,000 events/s")}`);
}
