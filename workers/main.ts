// The worker process (npm run worker): consumes every queue of server/wiring/job-handlers.ts.
// `--concurrency N` sets the jobs each queue runs at once in this process (default 4): a
// supervisor may run one process of 4 or four of 1. Queues of QUEUE_SETTINGS derive their own from
// it (the github queue, whose jobs mostly wait, runs more). The start's checks run side by side.
import { parseArgs } from "node:util";
import { z } from "zod";
import { db, disconnectDb } from "../server/db/client";
import { env, EXIT_CONFIG } from "../server/env";
import { queueNames, startWorkers } from "../server/jobs/start-workers";
import { JOB_HANDLERS, QUEUE_SETTINGS } from "../server/wiring/job-handlers";
import { checkGithubApp } from "../server/github/check-github-app";
import { checkSandbox } from "../server/sandbox/check-sandbox";

const args = parseArgs({ options: { concurrency: { type: "string", default: "4" } } }).values;
const concurrency = z.coerce.number().int().min(1).max(64).safeParse(args.concurrency);
if (!concurrency.success) {
  console.error(`fleetgate worker: --concurrency must be a whole number from 1 to 64, not ${JSON.stringify(args.concurrency)}`);
  process.exit(64);
}

env();
// Fail at start, not at the first job, when the database is unreachable; this also loads the
// client's query compiler before the first outcome waits on it. The GitHub App and the sandbox are
// checked meanwhile: a worker replacing a killed one starts consuming sooner.
const [database, github, sandbox] = await Promise.all([
  db.tenant.findFirst({ select: { id: true } }).then(() => null, (e: Error) => e),
  checkGithubApp(),
  reportSandbox(),
]);
if (database) {
  const why = database.message.split("\n").map((l) => l.trim()).filter(Boolean).at(-1);
  console.error(`fleetgate worker: cannot use the database (${why}); run \`npm run db:migrate\` or check DATABASE_URL`);
  process.exit(1);
}
if (github?.fatal) {
  console.error(`fleetgate worker: invalid configuration: ${github.message}`);
  process.exit(EXIT_CONFIG);
}
if (github) console.error(`fleetgate worker: ${github.message}`);
console[sandbox.ok ? "log" : "error"](`fleetgate worker: ${sandbox.line}`);
const running = await startWorkers(JOB_HANDLERS, { concurrency: concurrency.data, queues: QUEUE_SETTINGS });
const each = queueNames(JOB_HANDLERS).map((q) => `${q} ${QUEUE_SETTINGS[q]?.concurrency?.(concurrency.data) ?? concurrency.data}`);
console.log(`fleetgate worker: consuming ${queueNames(JOB_HANDLERS).join(", ")} (at a time: ${each.join(", ")})`);

const stop = async (signal: string) => {
  console.log(`fleetgate worker: ${signal}, finishing current jobs`);
  await running.close();
  await disconnectDb();
  process.exit(0);
};
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));

/** One line on what this host's sandbox can do; runs fail (as infrastructure) where it cannot. */
async function reportSandbox(): Promise<{ ok: boolean; line: string }> {
  try {
    const { startMs, network } = await checkSandbox();
    const net = (["proxy", "open"] as const).map((m) => `${m === "proxy" ? "registries/allowlist" : "open"} ${network[m].available ? "yes" : `no (${network[m].reason})`}`);
    return { ok: true, line: `sandbox ready (a command starts in ${startMs} ms); network: ${net.join("; ")}` };
  } catch (e) {
    return { ok: false, line: `WARNING: ${(e as Error).message}; runs will fail until this host can sandbox` };
  }
}
