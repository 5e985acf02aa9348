// Drops and recreates the e2e database, applies the migrations and seeds the demo data.
// Run before `next start` (scripts/test.sh does): npx tsx e2e/reset-db.ts
import path from "node:path";
import { overrideEnv } from "../server/env";
import { E2E_DATABASE_URL } from "./support/env";

// The server modules read DATABASE_URL lazily on first use: point them at the e2e database first.
overrideEnv({ DATABASE_URL: E2E_DATABASE_URL });

const { migrate } = await import("../server/db/migrate");
const { databaseName, recreateDatabase } = await import("../server/test/test-database");
const { seed } = await import("../prisma/seed");
const { disconnectDb } = await import("../server/db/client");

const name = databaseName(E2E_DATABASE_URL);

const started = Date.now();
try {
  // Only disposable names (*_e2e, *_test, ...) are dropped; FORCE ends connections an earlier server left behind.
  await recreateDatabase(E2E_DATABASE_URL);
  const m = await migrate(E2E_DATABASE_URL, path.join(import.meta.dirname, "../prisma/migrations"));
  const s = await seed();
  console.log(`e2e/reset-db: ${name} recreated, ${m.applied.length} migrations, ${s.created} seeded records (${Date.now() - started} ms)`);
} catch (e) {
  console.error(`e2e/reset-db: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await disconnectDb();
}
