// Drops and recreates the e2e database and the e2e GitHub twin's data, applies the migrations and
// seeds the demo data onto both: the demo repositories and pull requests live on the twin, which this
// script runs in-process on the e2e twin's port (Playwright then starts it as its own process on the
// same data). Run before `next start` (scripts/test.sh does): npx tsx e2e/reset-db.ts
import { rm } from "node:fs/promises";
import path from "node:path";
import { overrideEnv } from "../server/env";
import { E2E_DATABASE_URL, E2E_GITHUB_ENV, E2E_TWIN_APP_ID, E2E_TWIN_DATA_DIR, E2E_TWIN_PORT, E2E_TWIN_WEBHOOK_SECRET } from "./support/env";

// The server modules read DATABASE_URL lazily on first use: point them at the e2e database first.
// The twin's writes need no pacing here: the seed is the only client.
overrideEnv({ DATABASE_URL: E2E_DATABASE_URL, ...E2E_GITHUB_ENV, GITHUB_WRITE_SPACING_MS: "0" });

const { migrate } = await import("../server/db/migrate");
const { databaseName, recreateDatabase } = await import("../server/test/test-database");
const { seed } = await import("../prisma/seed");
const { disconnectDb } = await import("../server/db/client");
const { startGithubTwin } = await import("../server/github/twin/start-github-twin");

const name = databaseName(E2E_DATABASE_URL);

const started = Date.now();
let twin: Awaited<ReturnType<typeof startGithubTwin>> | undefined;
try {
  // Only disposable names (*_e2e, *_test, ...) are dropped; FORCE ends connections an earlier server left behind.
  await recreateDatabase(E2E_DATABASE_URL);
  await rm(E2E_TWIN_DATA_DIR, { recursive: true, force: true });
  // No webhook URL: nothing listens yet, and the seed records on the changesets what it does.
  twin = await startGithubTwin({ dataDir: E2E_TWIN_DATA_DIR, port: E2E_TWIN_PORT, appId: E2E_TWIN_APP_ID, webhookSecret: E2E_TWIN_WEBHOOK_SECRET });
  const m = await migrate(E2E_DATABASE_URL, path.join(import.meta.dirname, "../prisma/migrations"));
  const s = await seed({ twinUrl: twin.url });
  console.log(`e2e/reset-db: ${name} and the GitHub twin's data recreated, ${m.applied.length} migrations, ${s.created} seeded records (${Date.now() - started} ms)`);
} catch (e) {
  console.error(`e2e/reset-db: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await twin?.close();
  await disconnectDb();
}
