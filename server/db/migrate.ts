// Applies prisma/migrations/*/migration.sql in order, each in its own transaction, under an
// advisory lock, and records them in _prisma_migrations exactly as `prisma migrate deploy` would
// (checksum = sha256 of the file), so Prisma's own CLI stays usable wherever its engine exists.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { splitSql } from "./split-sql";

const LOCK_KEY = 7_344_021_117; // any constant; shared by every Fleetgate migrator

export class MigrationError extends Error {}

export type MigrateResult = { applied: string[]; alreadyApplied: number };

/** Creates the database named in the URL if it does not exist. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new MigrationError(`database name "${name}" has characters Fleetgate does not allow`);
  url.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount) return false;
    await admin.query(`CREATE DATABASE "${name}"`);
    return true;
  } finally {
    await admin.end();
  }
}

export function listMigrations(dir: string): { name: string; sql: string; checksum: string }[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export async function migrate(databaseUrl: string, dir: string): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const done = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(done.rows.map((r) => [r.migration_name, r.checksum]));
    const result: MigrateResult = { applied: [], alreadyApplied: 0 };
    for (const m of listMigrations(dir)) {
      const previous = applied.get(m.name);
      if (previous !== undefined) {
        if (previous !== m.checksum) {
          throw new MigrationError(`${m.name}/migration.sql was changed after it was applied (checksum differs); add a new migration instead`);
        }
        result.alreadyApplied++;
        continue;
      }
      await applyOne(client, m);
      result.applied.push(m.name);
    }
    return result;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

async function applyOne(client: pg.Client, m: { name: string; sql: string; checksum: string }) {
  const statements = splitSql(m.sql);
  await client.query("BEGIN");
  let index = 0;
  try {
    for (const s of statements) {
      index++;
      await client.query(s.sql);
    }
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
      [randomUUID(), m.checksum, m.name],
    );
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK");
    const s = statements[index - 1];
    const what = s ? `statement ${index} (line ${s.line}: ${firstLine(s.sql)})` : "recording it";
    throw new MigrationError(`${m.name}/migration.sql failed at ${what}: ${(e as Error).message}; nothing from this file was applied`);
  }
}

function firstLine(sql: string): string {
  const line = sql.split("\n").find((l) => l.trim() && !l.trim().startsWith("--")) ?? sql;
  return line.trim().slice(0, 80);
}
