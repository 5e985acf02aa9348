// npm run db:migrate: creates the database if missing and applies pending migrations.
import path from "node:path";
import { env } from "../server/env";
import { ensureDatabase, migrate, MigrationError } from "../server/db/migrate";

try {
  const url = env().DATABASE_URL;
  if (await ensureDatabase(url)) console.log(`created database ${new URL(url).pathname.slice(1)}`);
  const r = await migrate(url, path.join(process.cwd(), "prisma/migrations"));
  console.log(r.applied.length ? `applied ${r.applied.join(", ")}` : `database is up to date (${r.alreadyApplied} migrations)`);
} catch (e) {
  console.error(`fleetgate: migrate: ${e instanceof MigrationError ? e.message : (e as Error).message}`);
  process.exit(1);
}
