// npm run bench: prints the figures the issues ask for. Its own database (fleetgate_bench, or
// BENCH_DATABASE_URL) is recreated first; nothing here decides a test.
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { benchAuthorize } from "./authorize-latency";
import { benchAuditAppend } from "./audit-append-throughput";
import { benchApprovalInbox } from "./approval-inbox-latency";
import { benchApprovalOutcome } from "./approval-outcome-latency";
import { benchAuditEndpoint } from "./audit-endpoint-latency";
import { benchListEvents } from "./list-events-latency";
import { loadLargeChain } from "./load-large-chain";
import { benchBlastRadius } from "./policy-blast-radius";
import { benchPolicyEvaluate } from "./policy-evaluate";
import { prepareBenchDatabase } from "./prepare-database";
import { fmt } from "./stats";
import { benchVerifyRate } from "./verify-rate";
import { overrideEnv, toolingEnv } from "../server/env";

const { BENCH_DATABASE_URL: url, BENCH_LARGE_EVENTS: LARGE } = toolingEnv();
// The application's env() reads DATABASE_URL on first use; point it at the bench database first.
overrideEnv({ DATABASE_URL: url });
const only = new Set(process.argv.slice(2)); // e.g. `npm run bench -- a c` runs figures a and c
const want = (f: string) => only.size === 0 || only.has(f);

const { db, disconnectDb } = await import("../server/db/client");
const started = performance.now();
// Figures from a busy machine say little; print how busy it was.
const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");
console.log(`${cpus().length} cores, load average ${load()} at start`);
try {
  await prepareBenchDatabase(url);
  if (want("a")) benchAuthorize();
  if (want("e")) benchPolicyEvaluate();
  if (want("f")) await benchBlastRadius();
  if (want("g")) await benchApprovalOutcome(url);
  if (want("h")) await benchApprovalInbox(url);
  if (want("i")) await (await import("./sandbox-start")).benchSandboxStart(url);
  if (want("j")) await (await import("./run-overhead")).benchRunOverhead(url);
  if (want("k")) await (await import("./run-fleet")).benchRunFleet(url);
  if (want("l")) await (await import("./runs-list-latency")).benchRunsList();
  if (want("m")) await (await import("./kill-switch-latency")).benchKillSwitch(url);
  if (want("b")) {
    await benchAuditAppend(10, 8, "transaction");
    await benchAuditAppend(10, 8, "statement");
    await benchAuditAppend(5, 8, "async");
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
  console.log(`\nbench finished in ${fmt((performance.now() - started) / 1000, 1)} s, load average ${load()}`);
} catch (e) {
  console.error(`fleetgate: bench: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await disconnectDb();
}
