// npm run bench: prints the figures the issues ask for, each beside the baseline it is measured
// against in the same run (or "no baseline"), and at the end all of them in one table;
// `--json FILE` also writes them as JSON (bench/figure.ts). Its own database (fleetgate_bench, or
// BENCH_DATABASE_URL) is recreated first; nothing here decides a test.
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { BenchArgsError, parseBenchArgs, type BenchArgs } from "./args";
import { benchAuthorize } from "./authorize-latency";
import { benchAuditAppend } from "./audit-append-throughput";
import { benchApprovalInbox } from "./approval-inbox-latency";
import { benchApprovalOutcome } from "./approval-outcome-latency";
import { benchAuditEndpoint } from "./audit-endpoint-latency";
import { figuresJson, figuresTable, recordedFigures } from "./figure";
import { benchListEvents } from "./list-events-latency";
import { loadLargeChain } from "./load-large-chain";
import { benchBlastRadius } from "./policy-blast-radius";
import { benchPolicyEvaluate } from "./policy-evaluate";
import { prepareBenchDatabase } from "./prepare-database";
import { fmt, heading } from "./stats";
import { benchVerifyRate } from "./verify-rate";
import { overrideEnv, toolingEnv } from "../server/env";

let args: BenchArgs;
try {
  args = parseBenchArgs(process.argv.slice(2)); // e.g. `npm run bench -- a c` runs figures a and c
} catch (e) {
  if (!(e instanceof BenchArgsError)) throw e;
  console.error(`fleetgate: bench: ${e.message}`);
  process.exit(2);
}
const want = (f: string) => args.only.size === 0 || args.only.has(f);

const { BENCH_DATABASE_URL: url, BENCH_LARGE_EVENTS: LARGE } = toolingEnv();
// The application's env() reads DATABASE_URL on first use; point it at the bench database first.
overrideEnv({ DATABASE_URL: url });

const { db, disconnectDb } = await import("../server/db/client");
const startedAt = new Date();
const started = performance.now();
// Figures from a busy machine say little; print how busy it was.
const loadStart = loadavg();
const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(" ");
console.log(`${cpus().length} cores, load average ${load(loadStart)} at start`);
let error: string | null = null;
try {
  await prepareBenchDatabase(url);
  if (want("a")) benchAuthorize();
  if (want("e")) benchPolicyEvaluate();
  if (want("f")) await benchBlastRadius();
  if (want("g")) await benchApprovalOutcome(url, args);
  if (want("h")) await benchApprovalInbox(url);
  if (want("i")) await (await import("./sandbox-start")).benchSandboxStart(url);
  if (want("j")) await (await import("./run-overhead")).benchRunOverhead(url);
  if (want("k")) await (await import("./run-fleet")).benchRunFleet(url, args);
  // Before l and t: they seed runs left queued, which the workers of a later figure would pick up.
  if (want("s")) await (await import("./pr-storm-caps")).benchPrStormCaps(url);
  if (want("l")) await (await import("./runs-list-latency")).benchRunsList();
  if (want("m")) await (await import("./kill-switch-latency")).benchKillSwitch(url);
  if (want("n")) await (await import("./redis-loss-recovery")).benchRedisLoss(url);
  if (want("o")) await (await import("./publish-latency")).benchPublishLatency();
  if (want("p")) await (await import("./publish-fleet")).benchPublishFleet(url, args);
  if (want("q")) await (await import("./campaign-preview")).benchCampaignPreview();
  if (want("t")) await (await import("./pr-storm-queries")).benchPrStorm(url);
  if (want("w")) await (await import("./cost-dashboard")).benchCostDashboard(url);
  if (want("r")) await (await import("./gate-evaluation")).benchGateEvaluation();
  if (want("u")) await (await import("./cost-reservations")).benchCostReservations(url);
  if (want("v")) await (await import("./cost-overhead")).benchCostOverhead();
  if (want("b")) {
    await benchAuditAppend(6, 8, "transaction");
    await benchAuditAppend(6, 8, "statement");
    await benchAuditAppend(4, 8, "async");
  }
  if (want("c") || want("d")) {
    const tenant = await db.tenant.create({ data: { slug: "bench-large", name: "Bench large trail" }, select: { id: true } });
    const chain = await loadLargeChain(url, tenant.id, LARGE);
    if (want("c")) await benchVerifyRate(chain);
    if (want("d")) {
      await benchListEvents(chain);
      await benchAuditEndpoint(chain);
    }
  }
} catch (e) {
  error = (e as Error).message;
  console.error(`fleetgate: bench: ${error}`);
  process.exitCode = 1;
} finally {
  await disconnectDb();
}
const seconds = (performance.now() - started) / 1000;
heading("figures (ratio = figure / baseline, both measured in this run)");
console.log(figuresTable(recordedFigures()));
console.log(`\nbench ${error ? "stopped" : "finished"} in ${fmt(seconds, 1)} s, load average ${load(loadavg())}`);
if (args.json) {
  const report = { startedAt: startedAt.toISOString(), cores: cpus().length, loadAverage: { start: loadStart, end: loadavg() }, seconds, error };
  writeFileSync(args.json, figuresJson(recordedFigures(), report));
  console.log(`figures written to ${args.json}`);
}
