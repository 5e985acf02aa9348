// The worker process (npm run worker): consumes every queue in server/jobs/registry.ts.
import { db, disconnectDb } from "../server/db/client";
import { env } from "../server/env";
import { queueNames } from "../server/jobs/registry";
import { startWorkers } from "../server/jobs/start-workers";

env();
// Fail at start, not at the first job, when the database is unreachable; this also loads the
// client's query compiler before the first outcome waits on it.
await db.tenant.findFirst({ select: { id: true } });
const running = await startWorkers();
console.log(`fleetgate worker: consuming ${queueNames().join(", ")}`);

const stop = async (signal: string) => {
  console.log(`fleetgate worker: ${signal}, finishing current jobs`);
  await running.close();
  await disconnectDb();
  process.exit(0);
};
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
