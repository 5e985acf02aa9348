// vitest globalSetup for the integration tier: a fresh test database per run, migrated with the
// project's own migrator and filled with the demo seed, so every test starts from known data.
import { TEST_DATABASE_URL, MIGRATIONS_DIR, recreateDatabase } from "./test-database";
import { migrate } from "../db/migrate";
import { overrideEnv } from "../env";

export default async function setup(): Promise<void> {
  await recreateDatabase(TEST_DATABASE_URL);
  await migrate(TEST_DATABASE_URL, MIGRATIONS_DIR);
  // The seed writes through the application's `db` singleton, which reads DATABASE_URL on first use.
  overrideEnv({ DATABASE_URL: TEST_DATABASE_URL });
  const { seed } = await import("../../prisma/seed");
  const { disconnectDb } = await import("../db/client");
  try {
    await seed();
  } finally {
    await disconnectDb();
  }
}
