// The bench runs against its own database, recreated, migrated and seeded at every start, so
// figures never depend on (or disturb) the development data.
import { performance } from "node:perf_hooks";
import { migrate } from "../server/db/migrate";
import { MIGRATIONS_DIR, recreateDatabase } from "../server/test/test-database";
import { seed } from "../prisma/seed";
import { fmt } from "./stats";

export async function prepareBenchDatabase(url: string): Promise<void> {
  const started = performance.now();
  await recreateDatabase(url);
  await migrate(url, MIGRATIONS_DIR);
  await seed();
  console.log(`bench database ${new URL(url).pathname.slice(1)} recreated, migrated and seeded in ${fmt(performance.now() - started)} ms`);
}
