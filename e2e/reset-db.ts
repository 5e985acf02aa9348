// Drops and recreates the e2e database, applies the migrations and seeds the demo data.
// Run before `next start` (scripts/test.sh does): npx tsx e2e/reset-db.ts
import path from "node:path";
import pg from "pg";
import { E2E_DATABASE_URL } from "./support/env";

// The server modules read DATABASE_URL lazily on first use: point them at the e2e database first.
process.env.DATABASE_URL = E2E_DATABASE_URL;

const { migrate } = await import("../server/db/migrate");
const { seed } = await import("../prisma/seed");
const { disconnectDb } = await import("../server/db/client");

const url = new URL(E2E_DATABASE_URL);
const name = decodeURIComponent(url.pathname.slice(1));
if (!/^[A-Za-z0-9_]+_e2e$/.test(name)) {
  console.error(`e2e/reset-db: refusing to drop "${name}": the e2e database name must end in _e2e`);
  process.exit(1);
}

const started = Date.now();
try {
  url.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    // FORCE ends connections left by an earlier server, so a crashed run never blocks the next.
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const m = await migrate(E2E_DATABASE_URL, path.join(import.meta.dirname, "../prisma/migrations"));
  const s = await seed();
  console.log(`e2e/reset-db: ${name} recreated, ${m.applied.length} migrations, ${s.created} seeded records (${Date.now() - started} ms)`);
} catch (e) {
  console.error(`e2e/reset-db: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  await disconnectDb();
}
